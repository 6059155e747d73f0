package dev.cognitowa.otp.infra;

import software.amazon.awscdk.services.lambda.DestinationConfig;
import software.amazon.awscdk.services.lambda.DestinationOptions;
import software.amazon.awscdk.services.lambda.IDestination;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * An SQS on-failure destination that, unlike {@code SqsDestination}, grants nothing itself: the
 * construct's role holds the one statement needed ({@code sqs:SendMessage} on this queue), not
 * {@code GetQueueAttributes}/{@code Url}.
 */
final class FailureQueueDestination implements IDestination {

  private final IQueue queue;

  FailureQueueDestination(IQueue queue) {
    this.queue = queue;
  }

  @Override
  public DestinationConfig bind(Construct scope, IFunction fn) {
    return bind(scope, fn, null);
  }

  @Override
  public DestinationConfig bind(Construct scope, IFunction fn, DestinationOptions options) {
    return DestinationConfig.builder().destination(queue.getQueueArn()).build();
  }
}
