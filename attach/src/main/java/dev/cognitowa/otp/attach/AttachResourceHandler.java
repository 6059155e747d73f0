package dev.cognitowa.otp.attach;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The stack's custom resource ({@code -c attach=true}): the same {@link PoolAttacher} as {@code otp
 * attach}, run by CloudFormation. Create attaches, Update re-attaches (replacing only what the
 * resource itself set before), Delete detaches, and only when the pool still names this resource's
 * function. Properties: {@code PoolId}, {@code FunctionArn}, {@code KeyArn}.
 *
 * <p>A plain Lambda-backed {@code AWS::CloudFormation::CustomResource}: the handler answers
 * CloudFormation itself by a PUT of the response object to the request's pre-signed {@code
 * ResponseURL}
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-responses.html).
 */
public final class AttachResourceHandler implements RequestStreamHandler {

  /**
   * "The total size of the response body can't exceed 4096 bytes": the reason is cut well below.
   */
  static final int MAX_REASON = 1000;

  /** The pre-signed URL answers in well under a second; a stuck PUT must not eat the timeout. */
  private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(20);

  private static final String STACK_REPLACE_HINT =
      "run otp detach, or otp attach --replace with this stack's alias and key, then deploy again";

  private final PoolAttacher attacher;

  /** The Lambda runtime's constructor: clients in the function's region, from its environment. */
  public AttachResourceHandler() {
    this(System.getenv());
  }

  AttachResourceHandler(Map<String, String> env) {
    AttachClients clients = new AttachClients(env, env.getOrDefault("AWS_REGION", "us-east-1"));
    this.attacher =
        new PoolAttacher(
            clients.cognito(),
            clients.kms(),
            GrantCheck.skipped(
                "kms:CreateGrant not simulated: the stack grants it to this function's role"));
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    Map<String, Object> event = JSON.std.mapFrom(input);
    Map<String, Object> response = handle(event);
    System.out.println(
        "custom resource "
            + event.get("RequestType")
            + ": "
            + response.get("Status")
            + " "
            + Objects.requireNonNullElse(response.get("Reason"), ""));
    put(URI.create((String) event.get("ResponseURL")), JSON.std.asBytes(response));
  }

  /** The response object for one request; never throws. */
  Map<String, Object> handle(Map<String, Object> event) {
    Map<String, Object> properties = properties(event, "ResourceProperties");
    String poolId = (String) properties.get("PoolId");
    String physicalId = "otp-attach:" + poolId;
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("Status", "SUCCESS");
    response.put("PhysicalResourceId", physicalId);
    response.put("StackId", event.get("StackId"));
    response.put("RequestId", event.get("RequestId"));
    response.put("LogicalResourceId", event.get("LogicalResourceId"));
    String type = String.valueOf(event.get("RequestType"));
    try {
      AttachPlan plan =
          switch (type) {
            case "Create" -> attacher.planAttach(poolId, wanted(properties), existing -> false);
            case "Update" -> update(event, poolId, properties);
            case "Delete" -> {
              response.put("PhysicalResourceId", event.get("PhysicalResourceId"));
              yield detach(poolId, (String) properties.get("FunctionArn"));
            }
            default -> throw new AttachRefusedException("unknown RequestType " + type);
          };
      if (plan != null) {
        plan.diff().forEach(System.out::println);
        plan.notes().forEach(System.out::println);
        attacher.apply(plan);
      }
    } catch (AttachRefusedException e) {
      // The stack has no --replace: say what the operator can do instead.
      fail(response, e.getMessage().replace(PoolAttacher.REPLACE_HINT, STACK_REPLACE_HINT));
    } catch (SdkException e) {
      fail(response, AwsErrors.describe(e));
    } catch (RuntimeException e) {
      fail(response, "unexpected " + e.getClass().getName());
    }
    return response;
  }

  private AttachPlan update(Map<String, Object> event, String poolId, Map<String, Object> now) {
    Map<String, Object> before = properties(event, "OldResourceProperties");
    if (!poolId.equals(before.get("PoolId"))) {
      // A new physical id: CloudFormation then sends Delete for the old pool, which detaches it.
      return attacher.planAttach(poolId, wanted(now), existing -> false);
    }
    SenderAttachment previous = wanted(before);
    Predicate<SenderAttachment> ownPrevious =
        existing ->
            (existing.functionArn() == null || existing.sameFunction(previous))
                && (existing.keyArn() == null || existing.sameKey(previous));
    return attacher.planAttach(poolId, wanted(now), ownPrevious);
  }

  private AttachPlan detach(String poolId, String functionArn) {
    try {
      return attacher.planDetach(poolId, Optional.ofNullable(functionArn));
    } catch (AttachRefusedException e) {
      // The pool is gone (or never was valid): nothing of ours is left on it.
      System.out.println("nothing to detach: " + e.getMessage());
      return null;
    }
  }

  private static SenderAttachment wanted(Map<String, Object> properties) {
    return new SenderAttachment(
        (String) properties.get("FunctionArn"), (String) properties.get("KeyArn"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> properties(Map<String, Object> event, String name) {
    Object value = event.get(name);
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  private static void fail(Map<String, Object> response, String reason) {
    response.put("Status", "FAILED");
    response.put(
        "Reason", reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "..." : reason);
  }

  /**
   * Uploads the response to the pre-signed S3 URL: a PUT with an empty content type, as the
   * signature was made for.
   */
  static void put(URI url, byte[] body) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
    connection.setRequestMethod("PUT");
    connection.setDoOutput(true);
    connection.setConnectTimeout((int) RESPONSE_TIMEOUT.toMillis());
    connection.setReadTimeout((int) RESPONSE_TIMEOUT.toMillis());
    connection.setRequestProperty("Content-Type", "");
    connection.setFixedLengthStreamingMode(body.length);
    try (OutputStream out = connection.getOutputStream()) {
      out.write(body);
    }
    int status = connection.getResponseCode();
    if (status / 100 != 2) {
      throw new IOException("CloudFormation's response URL answered HTTP " + status);
    }
    connection.getInputStream().close();
  }
}
