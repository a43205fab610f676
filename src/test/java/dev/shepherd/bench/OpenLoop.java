package dev.shepherd.bench;

import dev.shepherd.testing.SignedRequests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load generator: sends signed requests at a fixed rate whatever the answers do, and
 * times each from the moment it was scheduled to be sent (not from when it went out), so a server
 * that stalls is charged for every request that queued behind the stall. No coordinated omission: a
 * slow answer never delays the next send.
 */
final class OpenLoop implements AutoCloseable {
  /** One request of the mix: a label for the report and its unsigned form body. */
  record Request(String kind, String body) {}

  /** Makes the i-th request of a run. Called on the sending thread only. */
  @FunctionalInterface
  interface Mix {
    Request next(long i);
  }

  private final ExecutorService callbacks =
      Executors.newFixedThreadPool(
          2,
          runnable -> {
            Thread thread = new Thread(runnable, "load-callbacks");
            thread.setDaemon(true);
            return thread;
          });
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .executor(callbacks)
          .build();

  /** Latencies of one run, per kind, with the errors and how late the sender ever was. */
  static final class Result {
    final double rate;
    final Duration duration;
    final Map<String, List<Long>> nanos = new LinkedHashMap<>();
    final List<Long> all = new ArrayList<>();
    long errors;
    final Map<String, Long> errorKinds = new LinkedHashMap<>();
    long maxSendLagNanos;
    long sent;

    Result(double rate, Duration duration) {
      this.rate = rate;
      this.duration = duration;
    }

    synchronized void ok(String kind, long latency) {
      nanos.computeIfAbsent(kind, k -> new ArrayList<>()).add(latency);
      all.add(latency);
    }

    synchronized void error(String what) {
      errors++;
      errorKinds.merge(what, 1L, Long::sum);
    }

    /** p50, p99, max in milliseconds of every answered request. */
    synchronized Stats stats() {
      return Stats.of(all);
    }

    synchronized Stats stats(String kind) {
      return Stats.of(nanos.getOrDefault(kind, List.of()));
    }
  }

  record Stats(int count, double p50, double p99, double max) {
    static Stats of(List<Long> nanos) {
      long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
      Arrays.sort(sorted);
      if (sorted.length == 0) {
        return new Stats(0, Double.NaN, Double.NaN, Double.NaN);
      }
      return new Stats(
          sorted.length,
          ms(percentile(sorted, 0.50)),
          ms(percentile(sorted, 0.99)),
          ms(sorted[sorted.length - 1]));
    }

    private static long percentile(long[] sorted, double p) {
      int index = (int) Math.ceil(p * sorted.length) - 1;
      return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double ms(long nanos) {
      return nanos / 1e6;
    }

    String format() {
      return String.format(
          "p50 %6.1f ms  p99 %7.1f ms  max %7.1f ms  (n=%d)", p50, p99, max, count);
    }
  }

  /** Sends {@code rate} requests a second for {@code duration}, then waits for the answers. */
  Result run(URI url, String secret, double rate, Duration duration, Mix mix)
      throws InterruptedException {
    Result result = new Result(rate, duration);
    long count = (long) (rate * duration.toNanos() / 1e9);
    long period = (long) (1e9 / rate);
    List<CompletableFuture<?>> pending = new ArrayList<>((int) count);
    long start = System.nanoTime() + 20_000_000;
    for (long i = 0; i < count; i++) {
      long scheduled = start + i * period;
      long wait;
      while ((wait = scheduled - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      result.maxSendLagNanos = Math.max(result.maxSendLagNanos, System.nanoTime() - scheduled);
      Request request = mix.next(i);
      String timestamp = SignedRequests.now();
      HttpRequest http =
          HttpRequest.newBuilder(url)
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .header("X-Slack-Request-Timestamp", timestamp)
              .header("X-Slack-Signature", SignedRequests.sign(secret, timestamp, request.body()))
              .POST(HttpRequest.BodyPublishers.ofString(request.body()))
              .build();
      pending.add(
          this.http
              .sendAsync(http, HttpResponse.BodyHandlers.ofString())
              .whenComplete(
                  (response, failure) -> {
                    long latency = System.nanoTime() - scheduled;
                    if (failure != null) {
                      result.error(failure.getClass().getSimpleName());
                    } else if (response.statusCode() != 200) {
                      result.error("HTTP " + response.statusCode());
                    } else {
                      result.ok(request.kind(), latency);
                    }
                  }));
      result.sent++;
    }
    try {
      CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // Counted per request above; a request still unanswered now is an error too.
      long unanswered = pending.stream().filter(f -> !f.isDone()).count();
      for (long i = 0; i < unanswered; i++) {
        result.error("no answer in 20 s");
      }
    }
    return result;
  }

  @Override
  public void close() {
    callbacks.shutdownNow();
  }
}
