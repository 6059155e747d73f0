package dev.cognitowa.otp.cli.doctor;

import dev.cognitowa.otp.sender.support.SdkCallTimeouts;
import dev.cognitowa.otp.sender.wiring.AwsClients;
import java.time.Duration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyState;

/**
 * The doctor's AWS checks, with the real SDK clients the sender builds and whatever credentials the
 * operator runs with: KMS DescribeKey on the pool's key, DynamoDB DescribeTable on the ledger
 * table. They prove the resources exist and are usable; the function's own role is what the stack
 * grants (kms:Decrypt, the table's item calls), which these read-only calls cannot prove.
 */
final class AwsChecks {
  /** KMS and DynamoDB answer in tens of milliseconds; the SDK's retries fit in this. */
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

  /** The ledger's partition key (DynamoDbDeliveryLedger): a string named {@code id}. */
  static final String LEDGER_KEY = "id";

  private final AwsClients aws;

  AwsChecks(AwsClients aws) {
    this.aws = aws;
  }

  /** The key exists, is enabled and is a symmetric encryption key, as Cognito requires. */
  CheckResult kmsKey(String keyArn) {
    try {
      KeyMetadata key =
          aws.kms(keyArn)
              .describeKey(
                  r -> r.keyId(keyArn).overrideConfiguration(SdkCallTimeouts.within(CALL_TIMEOUT)))
              .keyMetadata();
      if (key.keyState() != KeyState.ENABLED) {
        return CheckResult.fail(
            "kms key",
            "key is " + key.keyStateAsString() + " -> enable it (or cancel its deletion)");
      }
      if (key.keySpec() != KeySpec.SYMMETRIC_DEFAULT) {
        return CheckResult.fail(
            "kms key",
            "key is "
                + key.keySpecAsString()
                + " -> Cognito's custom sender needs a symmetric encryption key");
      }
      return CheckResult.pass("kms key", "enabled symmetric key " + keyArn);
    } catch (SdkException e) {
      return CheckResult.fail(
          "kms key",
          describe(e, "allow kms:DescribeKey to check it (the function needs kms:Decrypt)"));
    }
  }

  /** The table exists, is active and has the ledger's string key {@code id}. */
  CheckResult ledgerTable(String table) {
    try {
      DescribeTableResponse response =
          aws.dynamoDb(table)
              .describeTable(
                  r ->
                      r.tableName(table)
                          .overrideConfiguration(SdkCallTimeouts.within(CALL_TIMEOUT)));
      if (response.table().tableStatus() != TableStatus.ACTIVE) {
        return CheckResult.fail(
            "ledger table",
            "table is " + response.table().tableStatusAsString() + " -> wait until it is ACTIVE");
      }
      boolean keyed =
          response.table().keySchema().stream()
              .anyMatch(
                  (KeySchemaElement k) ->
                      k.keyType() == KeyType.HASH && LEDGER_KEY.equals(k.attributeName()));
      return keyed
          ? CheckResult.pass("ledger table", "active table " + table + " keyed by " + LEDGER_KEY)
          : CheckResult.fail(
              "ledger table",
              "table's partition key is not \"" + LEDGER_KEY + "\" -> use the stack's table");
    } catch (SdkException e) {
      return CheckResult.fail(
          "ledger table", describe(e, "allow dynamodb:DescribeTable to check it"));
    }
  }

  /** The AWS error code (never its message, which may quote a resource policy) and a remedy. */
  static String describe(SdkException e, String accessRemedy) {
    if (e instanceof SdkClientException) {
      return "cannot reach AWS ("
          + e.getClass().getSimpleName()
          + ") -> check AWS_REGION, the credentials and the network";
    }
    String code =
        e instanceof AwsServiceException s && s.awsErrorDetails() != null
            ? s.awsErrorDetails().errorCode()
            : e.getClass().getSimpleName();
    String remedy =
        switch (String.valueOf(code)) {
          case "NotFoundException", "ResourceNotFoundException" ->
              "not found: check the ARN or name and AWS_REGION";
          case "AccessDeniedException", "AccessDenied", "UnrecognizedClientException" ->
              accessRemedy;
          default -> "retry, or check the resource in the AWS console";
        };
    return code + " -> " + remedy;
  }
}
