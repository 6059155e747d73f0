package dev.cognitowa.otp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoCommandTest {
  @Test
  void demo_shouldShowEachMessageAsThePhoneWould_whenRunWithNoAccount() {
    // when (the demo's made-up code and number are shown on purpose: not echoed to the guarded
    // output)
    CliRun run = CliRun.run(java.util.Map.of(), false, "demo");

    // then
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .containsPattern(
            "\\| [0-9]{6} is your verification code\\. For your security, do not share this code\\.")
        .contains("[ Copy code ]")
        .contains("| Hi maria, your temporary password is Tmp<9x&Q2.")
        .contains(
            "CustomSMSSender_SignUp",
            "CustomSMSSender_ForgotPassword",
            "CustomSMSSender_AdminCreateUser")
        .containsPattern("accepted as \\S+")
        .containsPattern("accepted as \\S+");
    assertThat(run.out())
        .as("one user reads Portuguese: their locale pt-BR picked the pt_BR template")
        .contains("for user joao (" + DemoCommand.PHONE + ", locale pt-BR)")
        .containsPattern(
            "\\| [0-9]{6} é seu código de verificação\\. Para sua segurança, não o compartilhe\\.")
        .contains("[ Copiar código ]")
        .contains("\"language\":\"pt_BR\"")
        .containsPattern("template otp_code \\(pt_BR\\), accepted as \\S+");
    assertThat(run.out()).contains("\"recipient\":\"+********3456\"");
    assertThat(run.err()).isEmpty();
  }
}
