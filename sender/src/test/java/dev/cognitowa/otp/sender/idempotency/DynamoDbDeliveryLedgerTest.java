package dev.cognitowa.otp.sender.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitowa.otp.sender.delivery.MessageRef;
import dev.cognitowa.otp.sender.testutils.Dynalite;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The DynamoDB ledger with the real SDK against dynalite on loopback: the contract, then the stored
 * attributes.
 */
class DynamoDbDeliveryLedgerTest extends DeliveryLedgerContract {
  @RegisterExtension static Dynalite dynalite = new Dynalite();

  @Override
  DeliveryLedger ledger() {
    return new DynamoDbDeliveryLedger(dynalite.client(), Dynalite.TABLE, clock);
  }

  @Test
  void claim_shouldStoreOnlyStateAndTheTtlInEpochSeconds_whenClaiming() {
    // given
    DeliveryKey key = newKey();

    // when
    ledger().claim(key, START.plus(LEASE));

    // then
    Map<String, AttributeValue> item = dynalite.item(key.id());
    assertThat(item).containsOnlyKeys("id", "status", "owner", "leaseUntil", "expiresAt");
    assertThat(item.get("expiresAt").n())
        .isEqualTo(Long.toString(START.getEpochSecond() + 24 * 3600));
    assertThat(item.get("leaseUntil").n())
        .isEqualTo(Long.toString(START.plus(LEASE).toEpochMilli()));
    assertThat(item.get("status").s()).isEqualTo("IN_PROGRESS");
  }

  @Test
  void markSent_shouldSetTheTtlAttributeTo24HoursFromNow_whenRecording() {
    // given
    DeliveryLedger ledger = ledger();
    DeliveryKey key = newKey();
    Claim.Claimed claim = (Claim.Claimed) ledger.claim(key, START.plus(LEASE));
    clock.advance(Duration.ofSeconds(7));

    // when
    ledger.markSent(claim, sent());

    // then
    Map<String, AttributeValue> item = dynalite.item(key.id());
    assertThat(item.get("expiresAt").n())
        .isEqualTo(Long.toString(START.getEpochSecond() + 7 + 24 * 3600));
    assertThat(item.get("status").s()).isEqualTo("SENT");
    assertThat(item.get("channel").s()).isEqualTo("whatsapp");
    assertThat(item.get("messageRef").s()).isEqualTo(MessageRef.of("wamid.LEDGER"));
    assertThat(item.get("attempts").n()).isEqualTo("2");
  }

  @Test
  void ledger_shouldCallDynamoDbTwicePerCode_whenSendingOrSuppressingADuplicate() {
    // given: every DynamoDB operation the ledger makes, as the SDK executes it
    List<String> operations = new CopyOnWriteArrayList<>();
    DynamoDbClient counted =
        DynamoDbClient.builder()
            .endpointOverride(dynalite.endpoint())
            .region(Region.EU_WEST_1)
            .httpClient(UrlConnectionHttpClient.create())
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .overrideConfiguration(
                o ->
                    o.addExecutionInterceptor(
                        new ExecutionInterceptor() {
                          @Override
                          public void beforeExecution(
                              Context.BeforeExecution context, ExecutionAttributes attributes) {
                            operations.add(
                                attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
                          }
                        }))
            .build();
    DeliveryLedger ledger = new DynamoDbDeliveryLedger(counted, Dynalite.TABLE, clock);
    DeliveryKey key = newKey();

    // when
    ledger.markSent((Claim.Claimed) ledger.claim(key, START.plus(LEASE)), sent());
    List<String> steadyState = List.copyOf(operations);
    operations.clear();
    ledger.claim(key, START.plus(LEASE));

    // then: DynamoDB itself returns the winner with the failed put (ALL_OLD), so there a duplicate
    // costs the put alone
    assertThat(steadyState).containsExactly("PutItem", "UpdateItem");
    assertThat(operations).containsExactly("PutItem", "GetItem");
  }
}
