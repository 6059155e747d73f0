package dev.cognitowa.otp.attach;

import com.fasterxml.jackson.jr.ob.JSON;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A loopback stand-in for the AWS endpoints attach talks to, speaking their real protocols to the
 * real SDK clients: Cognito and KMS over JSON 1.1 ({@code X-Amz-Target:
 * AWSCognitoIdentityProviderService.DescribeUserPool}, {@code ...UpdateUserPool}, {@code
 * TrentService.DescribeKey}), STS and IAM over the query protocol (form in, XML out), and the
 * pre-signed URL CloudFormation gives a custom resource (a PUT).
 *
 * <p>UpdateUserPool behaves as the API reference says: every member of the request replaces the
 * pool's setting, and every member left out is reset to its default (here: removed), "With the
 * exception of UserPoolTier"
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPool.html).
 * The list of members is the API reference's, written out here rather than taken from the SDK, so
 * the test does not grade the code with its own model. The stored pool is kept with sorted keys, so
 * two descriptions are equal settings exactly when they are equal bytes.
 */
public final class CognitoStandIn implements AutoCloseable {

  /** UpdateUserPool's request members (the API reference), with the pool member each sets. */
  static final Map<String, String> UPDATE_MEMBERS = updateMembers();

  public static final String CALLER =
      "arn:aws:sts::111122223333:assumed-role/PoolAdmin/ops-session";

  private final HttpServer server;
  private final Map<String, Map<String, Object>> pools = new TreeMap<>();
  private final Map<String, Map<String, Object>> keys = new LinkedHashMap<>();
  private final List<String> updates = Collections.synchronizedList(new ArrayList<>());
  private final List<String> simulations = Collections.synchronizedList(new ArrayList<>());
  private final List<String> responses = Collections.synchronizedList(new ArrayList<>());
  private volatile String decision = "allowed";
  private volatile int simulateStatus = 200;

  public CognitoStandIn() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The environment that points attach's SDK clients here. */
  public Map<String, String> env() {
    return Map.of("AWS_ENDPOINT_URL", endpoint().toString());
  }

  /** Adds a pool from a DescribeUserPool response body; returns its id. */
  public String addPool(String describeResponse) throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Object> pool =
        (Map<String, Object>) JSON.std.mapFrom(describeResponse).get("UserPool");
    pools.put((String) pool.get("Id"), sorted(pool));
    return (String) pool.get("Id");
  }

  /** What DescribeUserPool answers now for the pool, byte for byte. */
  public String described(String poolId) throws IOException {
    return JSON.std.asString(Map.of("UserPool", pools.get(poolId)));
  }

  public void addKey(String arn, String spec, String usage, String state) {
    keys.put(
        arn,
        new TreeMap<>(
            Map.of(
                "Arn", arn,
                "KeyId", arn.substring(arn.lastIndexOf('/') + 1),
                "KeySpec", spec,
                "KeyUsage", usage,
                "KeyState", state,
                "Enabled", "Enabled".equals(state))));
  }

  /** The simulator's answer for kms:CreateGrant: allowed, implicitDeny or explicitDeny. */
  public void simulatorDecides(String decision) {
    this.decision = decision;
  }

  /** The simulator refuses the caller itself (AccessDenied), as for a caller without the right. */
  public void simulatorDeniesAccess() {
    this.simulateStatus = 403;
  }

  public List<String> updateBodies() {
    return List.copyOf(updates);
  }

  public List<String> simulationForms() {
    return List.copyOf(simulations);
  }

  public List<String> customResourceResponses() {
    return List.copyOf(responses);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = read(exchange.getRequestBody());
      if ("PUT".equals(exchange.getRequestMethod())) {
        responses.add(body);
        send(exchange, 200, "", "text/plain");
        return;
      }
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      if (auth == null || !auth.startsWith("AWS4-HMAC-SHA256 ")) {
        send(exchange, 403, "{\"__type\":\"MissingAuthenticationTokenException\"}", JSON_11);
        return;
      }
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      if (target != null) {
        if (!JSON_11.equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
          send(exchange, 400, "{\"__type\":\"SerializationException\"}", JSON_11);
          return;
        }
        json(exchange, target, JSON.std.mapFrom(body));
      } else {
        query(exchange, form(body));
      }
    } catch (RuntimeException e) {
      throw new UncheckedIOException(new IOException(e));
    }
  }

  private static final String JSON_11 = "application/x-amz-json-1.1";

  private void json(HttpExchange exchange, String target, Map<String, Object> request)
      throws IOException {
    switch (target) {
      case "AWSCognitoIdentityProviderService.DescribeUserPool" -> {
        Map<String, Object> pool = pools.get((String) request.get("UserPoolId"));
        if (pool == null) {
          notFound(exchange, "User pool " + request.get("UserPoolId") + " does not exist.");
        } else {
          send(exchange, 200, JSON.std.asString(Map.of("UserPool", pool)), JSON_11);
        }
      }
      case "AWSCognitoIdentityProviderService.UpdateUserPool" -> {
        Map<String, Object> pool = pools.get((String) request.get("UserPoolId"));
        if (pool == null) {
          notFound(exchange, "User pool " + request.get("UserPoolId") + " does not exist.");
          return;
        }
        updates.add(JSON.std.asString(request));
        for (Map.Entry<String, String> member : UPDATE_MEMBERS.entrySet()) {
          Object value = request.get(member.getKey());
          if (value != null) {
            pool.put(member.getValue(), sorted(value));
          } else if (!member.getKey().equals("UserPoolTier")) {
            pool.remove(member.getValue());
          }
        }
        send(exchange, 200, "{}", JSON_11);
      }
      case "TrentService.DescribeKey" -> {
        String keyId = (String) request.get("KeyId");
        Map<String, Object> key = keys.get(keyId);
        if (key == null) {
          send(
              exchange,
              400,
              "{\"__type\":\"NotFoundException\",\"message\":\"Key '"
                  + keyId
                  + "' does not exist\"}",
              JSON_11);
        } else {
          send(exchange, 200, JSON.std.asString(Map.of("KeyMetadata", key)), JSON_11);
        }
      }
      default -> send(exchange, 400, "{\"__type\":\"UnknownOperationException\"}", JSON_11);
    }
  }

  private void query(HttpExchange exchange, Map<String, String> form) throws IOException {
    switch (form.getOrDefault("Action", "")) {
      case "GetCallerIdentity" ->
          send(
              exchange,
              200,
              "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                  + "<GetCallerIdentityResult><Arn>"
                  + CALLER
                  + "</Arn><UserId>AROAEXAMPLE:ops-session</UserId><Account>111122223333</Account>"
                  + "</GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId>"
                  + "</ResponseMetadata></GetCallerIdentityResponse>",
              "text/xml");
      case "SimulatePrincipalPolicy" -> {
        simulations.add(String.valueOf(new TreeMap<>(form)));
        if (simulateStatus != 200) {
          send(
              exchange,
              simulateStatus,
              "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error>"
                  + "<Type>Sender</Type><Code>AccessDenied</Code><Message>not authorized to"
                  + " perform: iam:SimulatePrincipalPolicy</Message></Error>"
                  + "<RequestId>2</RequestId></ErrorResponse>",
              "text/xml");
          return;
        }
        send(
            exchange,
            200,
            "<SimulatePrincipalPolicyResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">"
                + "<SimulatePrincipalPolicyResult><IsTruncated>false</IsTruncated>"
                + "<EvaluationResults><member><EvalActionName>kms:CreateGrant</EvalActionName>"
                + "<EvalResourceName>"
                + form.get("ResourceArns.member.1")
                + "</EvalResourceName><EvalDecision>"
                + decision
                + "</EvalDecision><MatchedStatements/><MissingContextValues/></member>"
                + "</EvaluationResults></SimulatePrincipalPolicyResult>"
                + "<ResponseMetadata><RequestId>3</RequestId></ResponseMetadata>"
                + "</SimulatePrincipalPolicyResponse>",
            "text/xml");
      }
      default -> send(exchange, 400, "<ErrorResponse/>", "text/xml");
    }
  }

  private static void notFound(HttpExchange exchange, String message) throws IOException {
    send(
        exchange,
        400,
        "{\"__type\":\"ResourceNotFoundException\",\"message\":\"" + message + "\"}",
        JSON_11);
  }

  private static void send(HttpExchange exchange, int status, String body, String type)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
  }

  private static String read(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : body.split("&", -1)) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }

  /** Maps with their keys sorted, all the way down. */
  @SuppressWarnings("unchecked")
  static <T> T sorted(T value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new TreeMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), sorted(v)));
      return (T) copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(v -> copy.add(sorted(v)));
      return (T) copy;
    }
    return value;
  }

  private static Map<String, String> updateMembers() {
    Map<String, String> members = new LinkedHashMap<>();
    for (String member :
        List.of(
            "Policies",
            "DeletionProtection",
            "LambdaConfig",
            "AutoVerifiedAttributes",
            "SmsVerificationMessage",
            "EmailVerificationMessage",
            "EmailVerificationSubject",
            "VerificationMessageTemplate",
            "SmsAuthenticationMessage",
            "UserAttributeUpdateSettings",
            "MfaConfiguration",
            "DeviceConfiguration",
            "EmailConfiguration",
            "SmsConfiguration",
            "UserPoolTags",
            "AdminCreateUserConfig",
            "UserPoolAddOns",
            "AccountRecoverySetting",
            "UserPoolTier",
            "KeyConfiguration",
            "IssuerConfiguration",
            "AcrConfiguration")) {
      members.put(member, member);
    }
    members.put("PoolName", "Name");
    return Map.copyOf(members);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
