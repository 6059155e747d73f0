package dev.cognitowa.otp.cli.burst;

import dev.cognitowa.otp.cli.burst.AsyncInvocationQueue.Invocation;
import dev.cognitowa.otp.cli.burst.BurstPlan.PlannedEvent;
import dev.cognitowa.otp.sender.CustomSmsSenderHandler;
import dev.cognitowa.otp.sender.delivery.DeliveryFailedException;
import dev.cognitowa.otp.sender.support.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Runs a burst: many containers, each its own {@link CustomSmsSenderHandler} built from the
 * environment as the Lambda builds it, on its own thread, take invocations from one {@link
 * AsyncInvocationQueue} and run the handler's Lambda entry point under the function's time budget.
 * A failed invocation (the handler threw, or ran past its timeout) is retried after a delay as
 * Lambda retries asynchronous invocations, and goes to the on-failure destination when its retries
 * are spent or it is older than the maximum event age.
 */
public final class BurstSimulation {
  /** How long an idle container waits for work before checking whether the burst is over. */
  private static final Duration POLL = Duration.ofMillis(50);

  /** A line a second: enough to see a burst move, few enough to read. */
  static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);

  private Consumer<String> progress = line -> {};

  private final BurstSettings settings;
  private final BurstPlan plan;
  private final Map<String, String> env;
  private final AsyncInvocationQueue queue;
  private final CountDownLatch ready;
  private final CountDownLatch go = new CountDownLatch(1);
  private final AtomicLong invocations = new AtomicLong();
  private final AtomicLong redeliveries = new AtomicLong();
  private final AtomicLong repeatedDeliveries = new AtomicLong();
  private final Queue<PlannedEvent> toDestination = new ConcurrentLinkedQueue<>();
  private final AtomicLong expired = new AtomicLong();
  private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();

  private BurstSimulation(BurstSettings settings, BurstPlan plan, Map<String, String> env) {
    this.settings = settings;
    this.plan = plan;
    this.env = Map.copyOf(env);
    this.queue = new AsyncInvocationQueue(plan.events().size() + plan.duplicates());
    this.ready = new CountDownLatch(settings.containers());
  }

  /**
   * Runs the plan to the end and accounts for every event against what the stand-in accepted.
   *
   * @param env the function's environment, pointing at {@code api}
   */
  public static BurstReport run(
      BurstSettings settings, BurstPlan plan, Map<String, String> env, RateLimitedCloudApi api)
      throws InterruptedException, ExecutionException {
    return run(settings, plan, env, api, line -> {});
  }

  /**
   * As {@link #run(BurstSettings, BurstPlan, Map, RateLimitedCloudApi)}, telling {@code progress}
   * every {@link #PROGRESS_EVERY} how many invocations ran and how many events finished.
   */
  public static BurstReport run(
      BurstSettings settings,
      BurstPlan plan,
      Map<String, String> env,
      RateLimitedCloudApi api,
      Consumer<String> progress)
      throws InterruptedException, ExecutionException {
    BurstSimulation simulation = new BurstSimulation(settings, plan, env);
    simulation.progress = progress;
    return simulation.run(api);
  }

  private BurstReport run(RateLimitedCloudApi api) throws InterruptedException, ExecutionException {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            settings.containers(),
            r -> {
              Thread t = new Thread(r, "lambda-container");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<?>> containers = new ArrayList<>();
      for (int i = 0; i < settings.containers(); i++) {
        containers.add(
            pool.submit(
                () -> {
                  container();
                  return null;
                }));
      }
      // Containers are initialised before the clock starts: a burst's cold starts are measured
      // elsewhere.
      while (!ready.await(POLL.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        failFast(containers);
      }
      long start = System.nanoTime();
      long spacing = settings.arrivalRate() == 0 ? 0 : (long) (1e9 / settings.arrivalRate());
      for (PlannedEvent event : plan.events()) {
        long arrival = start + spacing * event.index();
        queue.submit(event, arrival, arrival, 0, false);
      }
      go.countDown();
      long reported = System.nanoTime();
      while (!queue.awaitDrained(POLL)) {
        failFast(containers);
        if (System.nanoTime() - reported >= PROGRESS_EVERY.toNanos()) {
          reported = System.nanoTime();
          progress.accept(
              String.format(
                  java.util.Locale.ROOT,
                  "burst: %.0f s, %d invocations, %d deliveries still open",
                  (reported - start) / 1e9,
                  invocations.get(),
                  queue.unsettled()));
        }
      }
      long drained = System.nanoTime();
      progress.accept(
          String.format(
              java.util.Locale.ROOT,
              "burst: drained after %.1f s, %d invocations",
              (drained - start) / 1e9,
              invocations.get()));
      return BurstReport.of(
          settings,
          plan,
          api,
          List.copyOf(toDestination),
          new BurstReport.Counts(
              invocations.get(),
              redeliveries.get(),
              repeatedDeliveries.get(),
              toDestination.size(),
              expired.get(),
              snapshot(failures),
              snapshot(outcomes)),
          Duration.ofNanos(drained - start));
    } finally {
      pool.shutdownNow();
    }
  }

  private static void failFast(List<Future<?>> containers)
      throws ExecutionException, InterruptedException {
    for (Future<?> container : containers) {
      if (container.isDone()) {
        container
            .get(); // a container that stopped early threw: surface it instead of waiting forever
      }
    }
  }

  private void container() throws InterruptedException {
    CustomSmsSenderHandler handler = new CustomSmsSenderHandler(env, this::countOutcome);
    ready.countDown();
    go.await();
    while (!queue.isDrained()) {
      Invocation invocation = queue.next(POLL);
      if (invocation == null) {
        continue;
      }
      PlannedEvent event = invocation.event();
      if (!invocation.repeated() && invocation.retry() == 0 && event.duplicateAfter() != null) {
        // At-least-once delivery: the same event is handed out again, as if queued a little after
        // the original.
        repeatedDeliveries.incrementAndGet();
        queue.submit(
            event,
            invocation.arrivedAt(),
            invocation.visibleAt() + event.duplicateAfter().toNanos(),
            0,
            true);
      }
      if (System.nanoTime() - invocation.arrivedAt() > settings.maxEventAge().toNanos()) {
        expired.incrementAndGet();
        toDestination.add(event);
        queue.settle();
        continue;
      }
      invocations.incrementAndGet();
      if (invoke(handler, invocation)) {
        queue.settle();
      } else if (invocation.retry() < settings.lambdaRetries()) {
        redeliveries.incrementAndGet();
        queue.retry(invocation, settings.retryDelay().multipliedBy(1L << invocation.retry()));
      } else {
        toDestination.add(event);
        queue.settle();
      }
    }
  }

  /**
   * One invocation through the Lambda entry point; true when it returned within the function's
   * timeout.
   */
  private boolean invoke(CustomSmsSenderHandler handler, Invocation invocation) {
    long deadline = System.nanoTime() + settings.lambdaTimeout().toNanos();
    String cause = null;
    try {
      handler.handleRequest(
          new ByteArrayInputStream(invocation.event().json()),
          OutputStream.nullOutputStream(),
          new SimulatedLambdaContext(invocation.event().requestId(), deadline));
    } catch (DeliveryFailedException e) {
      Integer code = e.outcome().errorCode();
      cause = code != null ? "error " + code : e.outcome().kind().name();
    } catch (IOException | RuntimeException e) {
      cause = e.getClass().getSimpleName();
    }
    if (System.nanoTime() - deadline > 0) {
      cause =
          "timeout"; // Lambda stops the function at its timeout and counts the invocation as failed
    }
    if (cause != null) {
      failures.computeIfAbsent(cause, k -> new LongAdder()).increment();
    }
    return cause == null;
  }

  /**
   * The handler's own account of each invocation, from its JSON log line: the {@code outcome}, or
   * "duplicate" when the ledger showed the event already sent and nothing was sent again.
   */
  private void countOutcome(String logLine) {
    Map<String, Object> line = Json.readObjectLeniently(logLine.getBytes(StandardCharsets.UTF_8));
    String outcome =
        Boolean.TRUE.equals(line.get("duplicate"))
            ? "duplicate"
            : String.valueOf(line.get("outcome"));
    outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
  }

  private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
    Map<String, Long> copy = new TreeMap<>();
    counts.forEach((k, v) -> copy.put(k, v.sum()));
    return copy;
  }
}
