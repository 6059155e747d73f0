package dev.cognitowa.otp.sender.support;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs one blocking call to the outside (Graph, KMS, Secrets Manager) on a worker thread and waits
 * for it no longer than the time given, so the caller always gets control back in time to write its
 * log line and fail.
 *
 * <p>Timeouts inside the call are not enough on their own. Nothing public cuts a blocked {@code
 * HttpURLConnection} body read short: {@code disconnect()} waits for the stream lock the reading
 * thread holds (measured on Java 17 and 25: it returned only when the 5 s read timeout fired), and
 * the AWS SDK documents no strict guarantee for how quickly its {@code apiCallTimeout} aborts a
 * request. So the caller never blocks in I/O itself; an abandoned call is interrupted and left to
 * end by its own timeouts.
 *
 * <p>One daemon worker is started on first use and kept for the container's life; a second is
 * started only while one is stuck in an abandoned call, and such spares end after {@link
 * #SPARE_WORKER_IDLE}. Handing a call over costs two context switches (15-50 us measured), nothing
 * next to the network round trip it bounds.
 */
public final class BoundedCall {
  /**
   * Spare workers exist only while an abandoned call hangs; a minute idle means none is needed any
   * more.
   */
  static final Duration SPARE_WORKER_IDLE = Duration.ofSeconds(60);

  private BoundedCall() {}

  /**
   * Thrown when a call had not returned in the time given; the call was abandoned and interrupted.
   */
  public static final class DeadlineExceededException extends RuntimeException {
    public DeadlineExceededException(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Runs {@code call} and returns its result, or throws what it threw.
   *
   * @param timeout how long the caller waits; zero or less fails at once without starting the call
   * @param onAbandon runs on a worker after the caller gave up (it may block there harmlessly),
   *     e.g. to close a connection the call is stuck on
   * @throws DeadlineExceededException when the call had not returned in time
   */
  public static <T> T within(Duration timeout, Supplier<T> call, Runnable onAbandon) {
    long nanos = nanos(timeout);
    if (nanos <= 0) {
      throw new DeadlineExceededException("no time left to start the call");
    }
    FutureTask<T> task = new FutureTask<>(call::get);
    Workers.POOL.execute(task);
    try {
      return task.get(nanos, TimeUnit.NANOSECONDS);
    } catch (TimeoutException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      task.cancel(true);
      Workers.POOL.execute(onAbandon);
      throw new DeadlineExceededException("no answer within " + timeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("unexpected checked " + cause.getClass().getName());
    }
  }

  /**
   * Starts the kept worker now, e.g. before a SnapStart snapshot, so that the first event does not
   * pay for it.
   */
  public static void warmUp() {
    within(Duration.ofSeconds(5), () -> null, () -> {});
  }

  private static long nanos(Duration timeout) {
    try {
      return timeout.toNanos();
    } catch (ArithmeticException e) {
      return timeout.isNegative()
          ? 0
          : Long.MAX_VALUE; // Instant.MAX deadlines (benchmarks) mean "no bound"
    }
  }

  /**
   * Built on first use, not at class load: a configuration that never calls out starts no thread.
   */
  private static final class Workers {
    static final ThreadPoolExecutor POOL =
        new ThreadPoolExecutor(
            1,
            Integer.MAX_VALUE,
            SPARE_WORKER_IDLE.toSeconds(),
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            new Daemons());
  }

  private static final class Daemons implements java.util.concurrent.ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable runnable) {
      Thread thread = new Thread(runnable, "otp-outside-call-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }
}
