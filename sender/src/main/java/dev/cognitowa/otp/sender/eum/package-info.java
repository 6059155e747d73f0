/**
 * The {@code whatsapp-eum} channel: WhatsApp through AWS End User Messaging Social ({@code
 * SendWhatsAppMessage}), authorised by IAM ({@code social-messaging:SendWhatsAppMessage} on the
 * origination number), so no Meta token is stored. It sends the same Graph message as the Cloud API
 * channel, base64 in the {@code message} blob of {@code POST /v1/whatsapp/send}.
 *
 * <p>Settings (read by the channel chain's configuration): {@code EUM_WHATSAPP_PHONE_NUMBER_ID}
 * (required), {@code WHATSAPP_API_VERSION}, {@code WHATSAPP_REQUEST_TIMEOUT_MILLIS}, {@code
 * WHATSAPP_MAX_ATTEMPTS}, and the SDK's {@code AWS_ENDPOINT_URL_SOCIALMESSAGING}.
 *
 * <p>How answers are classified ({@link dev.cognitowa.otp.sender.eum.EumAnswer}), from the service
 * model's error shapes (SDK 2.40.2: status and {@code retryable} trait), as the SDK declares them
 * for SendWhatsAppMessage:
 *
 * <pre>
 *  error                        HTTP  outcome without a Meta code  why
 *  ThrottledRequestException     429  transient, retried            model: retryable
 *  InternalServiceException      500  transient, retried            model: retryable
 *  DependencyException           502  transient, retried            model: retryable (EUM could not complete at Meta)
 *  ValidationException           400  REJECTED                      the request is wrong
 *  InvalidParametersException    400  REJECTED                      the request is wrong
 *  AccessDeniedException         403  CONFIGURATION                 the function's IAM policy lacks the permission
 *  AccessDeniedByMetaException   403  CONFIGURATION                 Meta refused the business account
 *  ResourceNotFoundException     404  CONFIGURATION                 no such origination number in this account/region
 *  timeout, connection failure     -  transient (OUTCOME_UNKNOWN if the request may have arrived)
 * </pre>
 *
 * Every error shape has only a {@code message}; a Meta error code, when EUM passes one through, can
 * only be in that text, so it is read there in Graph's forms ({@code (#131026) ...}, {@code
 * "code":131026}) and then wins: the answer is classified by {@link
 * dev.cognitowa.otp.sender.whatsapp.ErrorClassifier} exactly as a Graph answer with that code
 * (131026 recipient unreachable, 132001 configuration, 130429 rate limit waited out, 190
 * configuration: the token is EUM's to renew). The exact text EUM uses is not documented; this
 * reading is a best effort, and without a code the table above applies.
 */
package dev.cognitowa.otp.sender.eum;
