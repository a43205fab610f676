package dev.shepherd.app;

import dev.shepherd.format.LogLines;
import dev.shepherd.runbook.Catalog;
import dev.shepherd.runbook.RunbookParser;
import dev.shepherd.runbook.RunbookSource;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reloads runbooks on an interval, keeping the last good catalog when a reload fails. */
final class CatalogReloader implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CatalogReloader.class);
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "shepherd-reload");
            thread.setDaemon(true);
            return thread;
          });

  /**
   * @param vet marks what a loaded catalog may not start (runbooks naming unknown groups)
   */
  CatalogReloader(
      RunbookSource source,
      AtomicReference<Catalog> catalog,
      Duration interval,
      UnaryOperator<Catalog> vet) {
    long seconds = interval.toSeconds();
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            catalog.set(vet.apply(Catalog.load(source, new RunbookParser())));
          } catch (RunbookSource.SourceException | RuntimeException e) {
            log.warn(
                "runbooks from {} could not be reloaded, keeping the last good ones: {}",
                source.describe(),
                LogLines.escaped(e.getMessage()));
          }
        },
        seconds,
        seconds,
        TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
