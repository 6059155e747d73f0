package dev.cognitowa.otp.sender.conversion;

import java.time.Instant;

/**
 * One paid send as the verification loop keeps it: nothing that names the person.
 *
 * @param channel the channel that delivered it, e.g. {@code sms}
 * @param country the ISO 3166 region of the number, e.g. {@code NG}
 * @param triggerSource Cognito's trigger source of the send, e.g. {@code CustomSMSSender_SignUp}
 * @param sentAt when the channel accepted it
 * @param feedbackId the End User Messaging SMS message id, for {@code PutMessageFeedback}; null for
 *     every other channel (a WhatsApp id encodes the number and is never kept)
 */
public record SendRecord(
    String channel, String country, String triggerSource, Instant sentAt, String feedbackId) {}
