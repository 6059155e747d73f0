/**
 * SMS channels for the channel chain (issue 8): {@code sms} ({@link EndUserMessagingSmsChannel},
 * End User Messaging SMS {@code SendTextMessage}) and {@code sns} ({@link SnsSmsChannel}, SNS
 * {@code Publish} to a phone number), both transactional, both configured by {@link
 * SmsSettings#fromEnvironment} and built only when listed in {@code OTP_CHANNELS}.
 *
 * <p>Settings: {@code SMS_ORIGINATION_IDENTITY}, {@code SMS_CONFIGURATION_SET} ({@code sms} only),
 * {@code SMS_MAX_ATTEMPTS} (1..5, default 3), {@code SMS_TEXT} (the six code sources) and {@code
 * SMS_TEXT_<SOURCE>}, each also per WhatsApp language code ({@code SMS_TEXT_pt_BR}) and per app
 * client ({@code OTP_APP_CLIENTS}) ({@link SmsTextPolicy}). Endpoints for tests: {@code
 * AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2}, {@code AWS_ENDPOINT_URL_SNS}.
 *
 * <p>Outcomes: throttling, 429, 5xx and network failures are retried within the deadline ({@code
 * TRANSIENT_EXHAUSTED}; {@code OUTCOME_UNKNOWN} after a timeout); opted-out, blocked or invalid
 * destinations are {@code RECIPIENT_UNREACHABLE}; access, missing resources, spend limits, sender
 * ids and KMS keys are {@code CONFIGURATION}; anything else is {@code REJECTED}. {@code errorCode}
 * stays null: the reason holds AWS's error code and reason enum, never the error's text, the code
 * or the number.
 */
package dev.cognitowa.otp.sender.sms;
