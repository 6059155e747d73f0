package dev.cognitowa.otp.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed reference pages are what the registry generates. Run with {@code
 * -Dreference.write=true} to write them again after changing the registry.
 */
class ReferencePagesTest {
  private static final Path REFERENCE = Path.of("..", "docs", "reference");

  private static void check(String file, String generated) throws IOException {
    Path page = REFERENCE.resolve(file);
    if (Boolean.getBoolean("reference.write")) {
      Files.createDirectories(REFERENCE);
      Files.writeString(page, generated, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(page, StandardCharsets.UTF_8))
        .as(
            "docs/reference/%s differs from the registry: ./mvnw -pl settings test"
                + " -Dreference.write=true writes it again",
            file)
        .isEqualTo(generated);
  }

  @Test
  void environmentPage_shouldBeWhatTheRegistryGenerates_whenCommitted() throws IOException {
    check("environment.md", ReferencePages.environment());
  }

  @Test
  void contextKeysPage_shouldBeWhatTheRegistryGenerates_whenCommitted() throws IOException {
    check("context-keys.md", ReferencePages.contextKeys());
  }
}
