package dev.cognitowa.otp.attach;

import java.io.IOException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;

/** Reads a pool the way attach does: DescribeUserPool through the real client, from a stand-in. */
final class Pools {
  private Pools() {}

  static UserPoolType read(String describeResponse) throws IOException {
    try (CognitoStandIn aws = new CognitoStandIn();
        AttachClients clients = new AttachClients(aws.env(), "eu-west-1")) {
      String id = aws.addPool(describeResponse);
      return clients.cognito().describeUserPool(r -> r.userPoolId(id)).userPool();
    }
  }
}
