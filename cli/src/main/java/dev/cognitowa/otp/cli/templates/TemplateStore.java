package dev.cognitowa.otp.cli.templates;

import java.util.List;

/**
 * Where a WhatsApp Business account's templates live: Meta's Graph API, or End User Messaging
 * Social.
 */
public interface TemplateStore {

  /**
   * Every template of the account, one entry per name and language.
   *
   * @throws TemplateApiException when the service cannot be asked or refuses (token, permission,
   *     rate limit)
   */
  List<ExistingTemplate> list();

  /** Submits one template for review; never throws for what the service answers. */
  CreateOutcome create(TemplateDefinition definition);
}
