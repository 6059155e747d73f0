package dev.cognitowa.otp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The Lambda jar as shaded: it carries ACCP's x86_64 native library (the stack's default
 * architecture) and not ACCP's service registration, which the JDK's provider lookup would
 * instantiate.
 */
class LambdaJarIT {
  private static final String NATIVE_LIBRARY =
      "com/amazon/corretto/crypto/provider/libamazonCorrettoCryptoProvider.so";

  /** ELF's e_machine for x86-64 (EM_X86_64); aarch64 would be 183. */
  private static final int EM_X86_64 = 62;

  @Test
  void lambdaJar_shouldCarryAccpsX86NativeLibrary_andNoProviderRegistration() throws IOException {
    try (JarFile jar = new JarFile(Path.of(System.getProperty("otp.lambda.jar")).toFile())) {
      // given
      ZipEntry library = jar.getEntry(NATIVE_LIBRARY);
      assertThat(library).as(NATIVE_LIBRARY).isNotNull();

      // when
      byte[] header;
      try (InputStream in = jar.getInputStream(library)) {
        header = in.readNBytes(20);
      }

      // then: a 64-bit little-endian ELF shared object for x86-64
      assertThat(new String(header, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("ELF");
      assertThat(header[4]).as("ELFCLASS64").isEqualTo((byte) 2);
      assertThat((header[18] & 0xff) | (header[19] & 0xff) << 8).isEqualTo(EM_X86_64);
      assertThat(jar.getEntry("com/amazon/corretto/crypto/provider/version.properties"))
          .isNotNull();
      ZipEntry services = jar.getEntry("META-INF/services/java.security.Provider");
      if (services != null) {
        try (InputStream in = jar.getInputStream(services)) {
          assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
              .doesNotContain("corretto");
        }
      }
    }
  }
}
