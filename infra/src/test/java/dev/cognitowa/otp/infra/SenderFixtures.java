package dev.cognitowa.otp.infra;

import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.s3.Bucket;

/** Shared test values: code that needs no build, and well-formed identifiers. */
final class SenderFixtures {

  static final String PHONE_NUMBER_ID = "106540352242922";
  static final String TOKEN_SECRET_ARN =
      "arn:aws:secretsmanager:eu-west-1:111122223333:secret:whatsapp/access-token-AbC123";
  static final String EXISTING_POOL_ID = "eu-west-1_AbCdEf123";

  private SenderFixtures() {}

  /** Lambda code from a bucket: the construct's tests never need the sender jar. */
  static Code code(Stack stack) {
    return Code.fromBucket(
        Bucket.fromBucketName(stack, "Artifacts", "artifacts-bucket"), "otp-sender-lambda.jar");
  }
}
