package dev.cognitowa.otp.cli.templates;

import dev.cognitowa.otp.sender.support.Json;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.socialmessaging.SocialMessagingClient;
import software.amazon.awssdk.services.socialmessaging.model.AccessDeniedByMetaException;
import software.amazon.awssdk.services.socialmessaging.model.AccessDeniedException;
import software.amazon.awssdk.services.socialmessaging.model.DependencyException;
import software.amazon.awssdk.services.socialmessaging.model.InternalServiceException;
import software.amazon.awssdk.services.socialmessaging.model.ResourceNotFoundException;
import software.amazon.awssdk.services.socialmessaging.model.ThrottledRequestException;

/**
 * The templates of a WhatsApp Business account linked to AWS End User Messaging Social, authorised
 * by IAM: ListWhatsAppMessageTemplates and CreateWhatsAppMessageTemplate, whose {@code
 * templateDefinition} is Meta's create body as a JSON blob
 * (https://docs.aws.amazon.com/social-messaging/latest/APIReference/API_CreateWhatsAppMessageTemplate.html).
 *
 * <p>What SDK 2.40.2 offers is enough here: create, list (paged), get, update and delete. What it
 * lacks: the list has no name filter and no rejection reason, and an error carries Meta's code only
 * inside its message text, so Meta's code is read from there when present.
 */
public final class EumTemplateStore implements TemplateStore {
  /** Meta's code as EUM quotes it: "(#132001) ..." or "code":131026 in a JSON fragment. */
  private static final Pattern META_CODE =
      Pattern.compile("\\(#(\\d{1,7})\\)|\"code\"\\s*:\\s*\"?(\\d{1,7})");

  private final SocialMessagingClient client;
  private final String accountId;

  /**
   * @param accountId End User Messaging Social's id of the account ({@code waba-...} or its ARN)
   */
  public EumTemplateStore(SocialMessagingClient client, String accountId) {
    this.client = client;
    this.accountId = accountId;
  }

  @Override
  public List<ExistingTemplate> list() {
    try {
      return client.listWhatsAppMessageTemplatesPaginator(r -> r.id(accountId)).templates().stream()
          .map(
              t ->
                  new ExistingTemplate(
                      t.templateName(),
                      t.templateLanguage(),
                      t.templateStatus(),
                      t.templateCategory(),
                      t.metaTemplateId()))
          .toList();
    } catch (SdkException e) {
      throw new TemplateApiException("cannot list templates: " + describe(e));
    }
  }

  @Override
  public CreateOutcome create(TemplateDefinition definition) {
    try {
      var response =
          client.createWhatsAppMessageTemplate(
              r ->
                  r.id(accountId)
                      .templateDefinition(SdkBytes.fromUtf8String(Json.write(definition.body()))));
      return new CreateOutcome.Created(response.metaTemplateId(), response.templateStatus());
    } catch (SdkException e) {
      String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
      if (message.contains("already exists")
          || message.contains(String.valueOf(GraphError.DUPLICATE_SUBCODE))) {
        return new CreateOutcome.AlreadyExists();
      }
      return new CreateOutcome.Refused(describe(e));
    }
  }

  /** The failure's type, Meta's code when EUM passed one on, and the remedy. */
  static String describe(SdkException e) {
    if (e instanceof SdkClientException) {
      return "cannot reach End User Messaging Social ("
          + e.getClass().getSimpleName()
          + ") -> check the network, AWS_REGION and credentials";
    }
    String type = e.getClass().getSimpleName();
    Integer metaCode = null;
    if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
      type = String.valueOf(service.awsErrorDetails().errorCode());
      String text = service.awsErrorDetails().errorMessage();
      Matcher m = META_CODE.matcher(text == null ? "" : text);
      if (m.find()) {
        metaCode = Integer.valueOf(m.group(1) != null ? m.group(1) : m.group(2));
      }
    }
    String remedy;
    if (metaCode != null) {
      remedy = new GraphError(400, metaCode, null, "").remedy();
    } else if (e instanceof AccessDeniedException) {
      remedy =
          "IAM denies it: allow social-messaging:ListWhatsAppMessageTemplates and"
              + " social-messaging:CreateWhatsAppMessageTemplate on the account";
    } else if (e instanceof AccessDeniedByMetaException) {
      remedy =
          "Meta refused End User Messaging Social: check the account's link in the AWS console";
    } else if (e instanceof ResourceNotFoundException) {
      remedy = "no such account: check EUM_WHATSAPP_BUSINESS_ACCOUNT_ID and AWS_REGION";
    } else if (e instanceof ThrottledRequestException) {
      remedy = "rate-limited; retry later";
    } else if (e instanceof DependencyException || e instanceof InternalServiceException) {
      remedy = "Meta or the service is having trouble; retry later";
    } else {
      remedy = "check the options and the account (the service's message is not shown)";
    }
    return type + (metaCode == null ? "" : " with Meta error " + metaCode) + " -> " + remedy;
  }
}
