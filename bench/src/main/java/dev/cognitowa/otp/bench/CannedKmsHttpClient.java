package dev.cognitowa.otp.bench;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An SDK HTTP client that never opens a socket: every request gets KMS's answer to a Decrypt. A KMS client built on
 * it runs the SDK's whole call path (endpoint rules, marshalling, SigV4 signing, unmarshalling) offline, which is
 * what a SnapStart priming hook can do before the snapshot without calling AWS.
 */
final class CannedKmsHttpClient implements SdkHttpClient {
  private static final byte[] ANSWER = ("{\"KeyId\":\"" + ColdKms.KEY_ARN + "\",\"Plaintext\":"
      + "\"BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=\",\"EncryptionAlgorithm\":\"SYMMETRIC_DEFAULT\"}")
      .getBytes(StandardCharsets.UTF_8);

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() {
        return HttpExecuteResponse.builder()
            .response(SdkHttpResponse.builder().statusCode(200)
                .putHeader("Content-Type", "application/x-amz-json-1.1").build())
            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(ANSWER)))
            .build();
      }

      @Override
      public void abort() {
        // nothing in flight
      }
    };
  }

  @Override
  public String clientName() {
    return "canned";
  }

  @Override
  public void close() {
    // nothing to release
  }
}
