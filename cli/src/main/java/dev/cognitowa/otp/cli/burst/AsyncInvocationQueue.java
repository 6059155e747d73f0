package dev.cognitowa.otp.cli.burst;

import dev.cognitowa.otp.cli.burst.BurstPlan.PlannedEvent;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lambda's queue of asynchronous invocations, as far as a burst needs it: an invocation becomes
 * visible at a time (its arrival, or a retry's delay after a failure) and containers take the
 * earliest visible one, first come first served on ties. It knows how many invocations are still to
 * settle, repeated deliveries that are yet to come included, and is drained when none is.
 */
final class AsyncInvocationQueue {
  private final DelayQueue<Invocation> queue = new DelayQueue<>();
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicInteger unsettled;
  private final CountDownLatch drained = new CountDownLatch(1);

  /**
   * @param planned every invocation the burst will make before any retry: events plus their
   *     repeated deliveries
   */
  AsyncInvocationQueue(int planned) {
    this.unsettled = new AtomicInteger(planned);
  }

  /**
   * Queues one delivery of an event, visible from {@code visibleAt} ({@link System#nanoTime()}
   * time).
   */
  void submit(PlannedEvent event, long arrivedAt, long visibleAt, int retry, boolean repeated) {
    queue.add(
        new Invocation(event, arrivedAt, visibleAt, retry, repeated, sequence.getAndIncrement()));
  }

  /**
   * Queues the same delivery again after a failure, {@code delay} from now, as Lambda's retry does.
   */
  void retry(Invocation failed, Duration delay) {
    submit(
        failed.event(),
        failed.arrivedAt(),
        System.nanoTime() + delay.toNanos(),
        failed.retry() + 1,
        failed.repeated());
  }

  /** The next visible invocation, waiting at most {@code wait}; null when none came. */
  Invocation next(Duration wait) throws InterruptedException {
    return queue.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** One invocation is done for good: delivered, or given up on (to the on-failure destination). */
  /** Deliveries not settled yet (delivered, or given up to the failure destination). */
  int unsettled() {
    return unsettled.get();
  }

  void settle() {
    if (unsettled.decrementAndGet() == 0) {
      drained.countDown();
    }
  }

  boolean isDrained() {
    return drained.getCount() == 0;
  }

  /** Waits until drained; false when {@code wait} ran out first. */
  boolean awaitDrained(Duration wait) throws InterruptedException {
    return drained.await(wait.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * One delivery of an event to the function.
   *
   * @param arrivedAt when the event first reached the queue: its age counts from here
   * @param retry 0 for a first delivery, n for Lambda's n-th retry of it
   * @param repeated true for the extra copy of an event that at-least-once delivery handed out
   *     twice
   */
  record Invocation(
      PlannedEvent event,
      long arrivedAt,
      long visibleAt,
      int retry,
      boolean repeated,
      long sequence)
      implements Delayed {
    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(visibleAt - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
      Invocation that = (Invocation) other;
      int byTime =
          Long.compare(visibleAt - that.visibleAt, 0); // nanoTime values compare by difference
      return byTime != 0 ? byTime : Long.compare(sequence, that.sequence);
    }
  }
}
