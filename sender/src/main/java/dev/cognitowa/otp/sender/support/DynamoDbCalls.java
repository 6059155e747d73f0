package dev.cognitowa.otp.sender.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * How the sender's DynamoDB stores (the delivery ledger, the message ledger, the limit counters)
 * make one call: bounded by the invocation's deadline, and with every failure but a failed
 * condition turned into the store's own unchecked exception, which names the store and DynamoDB's
 * answer and never a key or an item.
 */
public final class DynamoDbCalls {
  /**
   * DynamoDB answers in milliseconds; 2 s covers the SDK's retries of a throttled call and leaves
   * time to send.
   */
  public static final Duration MAX_CALL_TIME = Duration.ofSeconds(2);

  /**
   * Even at the deadline, a call gets this long: recording a sent message eats into the handler's
   * 500 ms margin rather than being lost.
   */
  public static final Duration MIN_CALL_TIME = Duration.ofMillis(250);

  private final String store;
  private final Function<String, ? extends RuntimeException> unavailable;
  private final Clock clock;

  /**
   * @param store what the failures name, e.g. {@code delivery ledger}
   * @param unavailable the store's exception for a message
   * @param clock to measure the time left against
   */
  public DynamoDbCalls(
      String store, Function<String, ? extends RuntimeException> unavailable, Clock clock) {
    this.store = store;
    this.unavailable = unavailable;
    this.clock = clock;
  }

  /**
   * Runs one call; a failed condition is thrown as it is (the caller decides what it means),
   * anything else as the store's exception.
   */
  public <T> T call(Supplier<T> request) {
    try {
      return request.get();
    } catch (ConditionalCheckFailedException e) {
      throw e;
    } catch (AwsServiceException e) {
      throw unavailable.apply(
          store
              + " unavailable: DynamoDB answered HTTP "
              + e.statusCode()
              + " "
              + (e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode()));
    } catch (SdkException e) {
      throw unavailable.apply(store + " unavailable: " + e.getClass().getSimpleName());
    }
  }

  /** As {@link #call(Supplier)}, for a call whose answer is not needed. */
  public void run(Runnable request) {
    call(
        () -> {
          request.run();
          return null;
        });
  }

  /**
   * The SDK's budget for one call, its retries included: what is left until {@code deadline} (none:
   * {@link #MAX_CALL_TIME}), never less than {@link #MIN_CALL_TIME} nor more than {@link
   * #MAX_CALL_TIME}.
   */
  public AwsRequestOverrideConfiguration timeout(Instant deadline) {
    Duration left = deadline == null ? MAX_CALL_TIME : Duration.between(clock.instant(), deadline);
    Duration budget =
        left.compareTo(MIN_CALL_TIME) < 0
            ? MIN_CALL_TIME
            : left.compareTo(MAX_CALL_TIME) > 0 ? MAX_CALL_TIME : left;
    return AwsRequestOverrideConfiguration.builder().apiCallTimeout(budget).build();
  }

  /** A string attribute. */
  public static AttributeValue s(String value) {
    return AttributeValue.builder().s(value).build();
  }

  /** A number attribute. */
  public static AttributeValue n(long value) {
    return AttributeValue.builder().n(Long.toString(value)).build();
  }

  /** A text attribute of an item, or null. */
  public static String text(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.s();
  }
}
