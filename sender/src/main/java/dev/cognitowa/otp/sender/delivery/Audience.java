package dev.cognitowa.otp.sender.delivery;

import dev.cognitowa.otp.sender.event.CustomSmsSenderEvent;
import dev.cognitowa.otp.sender.language.LocaleTag;
import java.util.Optional;

/**
 * Who a message is for, beyond the number: the app client that asked and the languages named for
 * the user. Built from the event; the locales are parsed here, so nothing of the raw user text is
 * kept.
 *
 * @param appClientId the event's {@code callerContext.clientId}, when it has one
 * @param appLocale the language the app named in {@code clientMetadata.locale}, when readable
 * @param userLocale the user's {@code locale} attribute, when readable
 */
public record Audience(
    Optional<String> appClientId, Optional<LocaleTag> appLocale, Optional<LocaleTag> userLocale) {
  /** No app client and no locale: the pool's templates in their default languages. */
  public static final Audience NONE =
      new Audience(Optional.empty(), Optional.empty(), Optional.empty());

  /** The audience of one event. */
  public static Audience of(CustomSmsSenderEvent event) {
    return new Audience(
        event.appClientId(),
        LocaleTag.parse(event.request().appLocale()),
        LocaleTag.parse(event.request().userLocale()));
  }
}
