package dev.cognitowa.otp.sender.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * docs/explanation/architecture.md's package map as rules the build runs: what each package of the
 * sender must not import, and no cycle between packages. A change that moves a line of that table
 * changes the rule here in the same commit.
 */
@AnalyzeClasses(
    packages = "dev.cognitowa.otp.sender",
    importOptions = {ImportOption.DoNotIncludeTests.class})
class ArchitectureTest {
  private static final String ROOT = "dev.cognitowa.otp.sender";
  private static final String AWS_SDK = "software.amazon.awssdk..";

  private static String[] ours(String... packages) {
    String[] full = new String[packages.length];
    for (int i = 0; i < packages.length; i++) {
      full[i] = ROOT + "." + packages[i] + "..";
    }
    return full;
  }

  @ArchTest
  static final ArchRule packagesFormNoCycle =
      slices().matching(ROOT + ".(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule handlersKnowChannelsOnlyAsMessageChannel =
      noClasses()
          .that()
          .resideInAnyPackage(ROOT, ROOT + ".status..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(ours("whatsapp", "eum", "sms"))
          .because("the handlers see a channel only as delivery.MessageChannel");

  @ArchTest
  static final ArchRule onlyTheTopImportsTheStatusFunction =
      noClasses()
          .that()
          .resideOutsideOfPackage(ROOT + ".status..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage(ROOT + ".status..")
          .because("nothing in the sender imports the status function; only cli runs it");

  @ArchTest
  static final ArchRule supportIsTheBottom =
      noClasses()
          .that()
          .resideInAPackage(ROOT + ".support..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              ours(
                  "event",
                  "config",
                  "crypto",
                  "language",
                  "delivery",
                  "whatsapp",
                  "eum",
                  "sms",
                  "idempotency",
                  "limits",
                  "wiring",
                  "status"))
          .orShould()
          .dependOnClassesThat()
          .resideInAPackage(ROOT);

  @ArchTest
  static final ArchRule phoneNumbersStandOnEventAndSupportOnly =
      noClasses()
          .that()
          .resideInAPackage(ROOT + ".phone..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              ours(
                  "config",
                  "crypto",
                  "language",
                  "delivery",
                  "whatsapp",
                  "eum",
                  "sms",
                  "idempotency",
                  "limits",
                  "wiring",
                  "status",
                  "observability",
                  "tracking"))
          .orShould()
          .dependOnClassesThat()
          .resideInAPackage(AWS_SDK)
          .because("numbers are parsed and masked from libphonenumber's metadata alone");

  @ArchTest
  static final ArchRule theLogLineKnowsOnlyJson =
      noClasses()
          .that()
          .resideInAPackage(ROOT + ".observability..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              ours(
                  "event",
                  "config",
                  "crypto",
                  "language",
                  "delivery",
                  "whatsapp",
                  "eum",
                  "sms",
                  "idempotency",
                  "limits",
                  "wiring",
                  "status",
                  "phone",
                  "tracking"))
          .orShould()
          .dependOnClassesThat()
          .resideInAPackage(AWS_SDK);

  @ArchTest
  static final ArchRule trackingKnowsNoChannelOrKey =
      noClasses()
          .that()
          .resideInAPackage(ROOT + ".tracking..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              ours("crypto", "config", "whatsapp", "eum", "sms", "limits", "wiring", "status"))
          .because("a tracked message holds the ciphertext; only the status path decrypts it");

  @ArchTest
  static final ArchRule eventReadsOnlySupportAndNoSdk =
      noClasses()
          .that()
          .resideInAPackage(ROOT + ".event..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              ours(
                  "config",
                  "crypto",
                  "language",
                  "delivery",
                  "whatsapp",
                  "eum",
                  "sms",
                  "idempotency",
                  "limits",
                  "wiring",
                  "status"))
          .orShould()
          .dependOnClassesThat()
          .resideInAPackage(AWS_SDK);

  @ArchTest
  static final ArchRule languageStandsAlone =
      noClasses()
          .that()
          .resideInAPackage(ROOT + ".language..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              ours(
                  "event",
                  "config",
                  "crypto",
                  "delivery",
                  "whatsapp",
                  "eum",
                  "sms",
                  "idempotency",
                  "limits",
                  "wiring",
                  "status",
                  "support"))
          .orShould()
          .dependOnClassesThat()
          .resideInAPackage(AWS_SDK);

  @ArchTest
  static final ArchRule configReadsNoChannelStoreOrSdk =
      noClasses()
          .that()
          .resideInAPackage(ROOT + ".config..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              ours("crypto", "whatsapp", "eum", "sms", "idempotency", "wiring", "status"))
          .orShould()
          .dependOnClassesThat()
          .resideInAPackage(AWS_SDK);

  @ArchTest
  static final ArchRule cryptoUsesOnlySupport =
      noClasses()
          .that()
          .resideInAPackage(ROOT + ".crypto..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              ours(
                  "event",
                  "config",
                  "language",
                  "delivery",
                  "whatsapp",
                  "eum",
                  "sms",
                  "idempotency",
                  "limits",
                  "wiring",
                  "status"));

  @ArchTest
  static final ArchRule deliveryIsChannelNeutral =
      noClasses()
          .that()
          .resideInAPackage(ROOT + ".delivery..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              ours(
                  "whatsapp", "eum", "sms", "crypto", "config", "idempotency", "wiring", "status"));

  @ArchTest
  static final ArchRule whatsAppChannelKnowsNoOtherChannelOrStore =
      noClasses()
          .that()
          .resideInAPackage(ROOT + ".whatsapp..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              ours("event", "config", "crypto", "idempotency", "eum", "sms", "wiring", "status"));

  @ArchTest
  static final ArchRule eumChannelKnowsNoOtherChannelOrStore =
      noClasses()
          .that()
          .resideInAPackage(ROOT + ".eum..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              ours("event", "config", "crypto", "idempotency", "sms", "wiring", "status"));

  @ArchTest
  static final ArchRule smsChannelsKnowNoOtherChannelOrStore =
      noClasses()
          .that()
          .resideInAPackage(ROOT + ".sms..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(ours("crypto", "idempotency", "whatsapp", "eum", "wiring", "status"));

  @ArchTest
  static final ArchRule ledgerKnowsNoChannel =
      noClasses()
          .that()
          .resideInAPackage(ROOT + ".idempotency..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              ours("crypto", "config", "whatsapp", "eum", "sms", "wiring", "status", "tracking"));

  @ArchTest
  static final ArchRule limitsKnowNoChannelOrLedger =
      noClasses()
          .that()
          .resideInAPackage(ROOT + ".limits..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              ours("crypto", "idempotency", "whatsapp", "eum", "sms", "wiring", "status"));
}
