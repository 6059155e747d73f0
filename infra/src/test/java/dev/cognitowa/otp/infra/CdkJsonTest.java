package dev.cognitowa.otp.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdkJsonTest {

  @Test
  void context_shouldBeEmpty_whenThereIsNoCdkJson(@TempDir Path dir) {
    // when / then
    assertThat(CdkJson.context(dir.resolve("cdk.json"))).isEmpty();
  }

  @Test
  void context_shouldBeEmpty_whenCdkJsonHasNoContext(@TempDir Path dir) throws IOException {
    // given
    Path file = Files.writeString(dir.resolve("cdk.json"), "{\"app\": \"java\"}");

    // when / then
    assertThat(CdkJson.context(file)).isEmpty();
  }

  @Test
  void context_shouldFailNamingTheFile_whenCdkJsonIsNotJson(@TempDir Path dir) throws IOException {
    // given
    Path file = Files.writeString(dir.resolve("cdk.json"), "{\"context\": ");

    // when / then
    assertThatThrownBy(() -> CdkJson.context(file))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("cdk.json");
  }

  @Test
  void context_shouldReadTheFlags_whenInfraCdkJsonIsRead() {
    // when / then
    assertThat(CdkJson.context(CdkJson.DEFAULT))
        .containsEntry("@aws-cdk/aws-iam:minimizePolicies", true)
        .containsEntry("cli-telemetry", false);
  }
}
