package dev.cognitowa.otp.sender.phone;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/**
 * The checks on every event's number, type included, never load {@code PhoneNumberUtil} (whose
 * class initialisation is the cost {@link NumberMetadata} exists to avoid): run in a class loader
 * of their own, holding only the sender's classes and libphonenumber, as a cold container would.
 */
class PhoneNumbersColdPathTest {
  private static final String GB_PREMIUM_PHONE = "+449012345678";
  private static final String DE_MOBILE_PHONE = "+4915123456789";

  /** A loader that says which classes it has loaded. */
  private static final class Isolated extends URLClassLoader {
    Isolated(URL... urls) {
      super(urls, ClassLoader.getPlatformClassLoader());
    }

    boolean loaded(String name) {
      return findLoadedClass(name) != null;
    }
  }

  @Test
  void parseRegionAndType_shouldNotLoadPhoneNumberUtil_whenAColdLoaderChecksNumbers()
      throws Exception {
    // given
    try (Isolated loader =
        new Isolated(
            PhoneNumbers.class.getProtectionDomain().getCodeSource().getLocation(),
            PhoneNumberUtil.class.getProtectionDomain().getCodeSource().getLocation())) {
      Class<?> numbers = loader.loadClass(PhoneNumbers.class.getName());
      Method parse = numbers.getMethod("parse", String.class);
      Method typeOf = numbers.getMethod("typeOf", loader.loadClass(Recipient.class.getName()));
      Method regionOf = numbers.getMethod("regionOf", loader.loadClass(Recipient.class.getName()));

      // when
      Object premium = typeOf.invoke(null, parse.invoke(null, GB_PREMIUM_PHONE));
      Object mobile = typeOf.invoke(null, parse.invoke(null, DE_MOBILE_PHONE));
      Object region = regionOf.invoke(null, parse.invoke(null, DE_MOBILE_PHONE));

      // then: the answers are right, and libphonenumber's metadata was read without the util
      assertThat(premium).hasToString("PREMIUM_RATE");
      assertThat(mobile).hasToString("MOBILE");
      assertThat(region).isEqualTo("DE");
      assertThat(loader.loaded("com.google.i18n.phonenumbers.Phonemetadata$PhoneMetadata"))
          .isTrue();
      assertThat(loader.loaded(PhoneNumberUtil.class.getName())).isFalse();
    }
  }
}
