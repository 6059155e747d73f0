package dev.cognitowa.otp.attach;

import static dev.cognitowa.otp.attach.Fixtures.FUNCTION;
import static dev.cognitowa.otp.attach.Fixtures.KEY;
import static dev.cognitowa.otp.attach.Fixtures.POOL_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The custom resource's handler loaded from the shaded jar alone (no test classpath), so a class
 * the jar leaves out (IAM, STS) would fail here: it attaches through the stand-in.
 */
class AttachLambdaJarIT {

  @Test
  void handler_shouldAttach_fromTheShadedJarAlone() throws Exception {
    // given
    Path jar = Path.of(System.getProperty("otp.attach.lambda.jar"));
    try (CognitoStandIn aws = new CognitoStandIn();
        URLClassLoader loader =
            new URLClassLoader(
                new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      aws.addKey(KEY, "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", "Enabled");
      aws.addPool(Fixtures.everySetting());
      Class<?> type = loader.loadClass(AttachResourceHandler.class.getName());
      Constructor<?> constructor = type.getDeclaredConstructor(Map.class);
      constructor.setAccessible(true);
      Object handler =
          constructor.newInstance(
              Map.of("AWS_ENDPOINT_URL", aws.endpoint().toString(), "AWS_REGION", "eu-west-1"));
      String event =
          JSON.std.asString(
              Map.of(
                  "RequestType", "Create",
                  "RequestId", "r-1",
                  "ResponseURL", aws.endpoint() + "/response",
                  "StackId", "arn:aws:cloudformation:eu-west-1:111122223333:stack/otp/1",
                  "LogicalResourceId", "PoolAttachment",
                  "ResourceProperties",
                      Map.of("PoolId", POOL_ID, "FunctionArn", FUNCTION, "KeyArn", KEY)));

      // when
      type.getMethod(
              "handleRequest",
              InputStream.class,
              OutputStream.class,
              loader.loadClass("com.amazonaws.services.lambda.runtime.Context"))
          .invoke(
              handler,
              new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
              new ByteArrayOutputStream(),
              null);

      // then
      assertThat(aws.customResourceResponses()).singleElement().asString().contains("\"SUCCESS\"");
      assertThat(aws.described(POOL_ID)).contains(FUNCTION);
    }
  }
}
