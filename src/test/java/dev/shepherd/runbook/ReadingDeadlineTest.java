package dev.shepherd.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * Reading a runbook has a deadline: one that passes it is reported unreadable at the line the
 * reader had reached, and the rest of the catalog loads. Time here is a clock that moves one
 * millisecond each time the reader looks at it, on each thread apart, so the test does not depend
 * on the machine's speed.
 */
class ReadingDeadlineTest {
  /** Each thread's own clock: a catalog reads its files on several threads. */
  private static final ThreadLocal<long[]> TICKS = ThreadLocal.withInitial(() -> new long[1]);

  private static final LongSupplier MILLISECOND_PER_LOOK = () -> (TICKS.get()[0] += 1_000_000L);

  private static String runbook(String title, int steps) {
    StringBuilder markdown = new StringBuilder("# " + title + "\n\n");
    for (int i = 1; i <= steps; i++) {
      markdown.append("## Step ").append(i).append("\nDo thing ").append(i).append(".\n\n");
    }
    return markdown.toString();
  }

  private static RunbookSource source(List<RunbookFile> files) {
    return new RunbookSource() {
      @Override
      public Snapshot load() {
        return new Snapshot(files, List.of());
      }

      @Override
      public RunbookFile read(String path, Revision revision) {
        throw new UnsupportedOperationException("not pinned in this test");
      }

      @Override
      public String describe() {
        return "three files in memory";
      }
    };
  }

  @Test
  void aRunbookPastTheDeadlineIsUnreadableAtItsLineAndTheOthersLoad() throws Exception {
    RunbookParser parser = new RunbookParser(Duration.ofMillis(100), MILLISECOND_PER_LOOK);
    Revision revision = Revision.content("t");
    Catalog catalog =
        Catalog.load(
            source(
                List.of(
                    new RunbookFile("first.md", runbook("First", 3), revision),
                    new RunbookFile("slow.md", runbook("Slow", 300), revision),
                    new RunbookFile("last.md", runbook("Last", 3), revision))),
            parser);

    assertThat(catalog.runbooks()).extracting(Runbook::id).containsExactly("first", "last");
    assertThat(catalog.unreadable())
        .containsExactly(
            new RunbookSource.Unreadable(
                "slow.md", "took too long to read (over 100 ms) at line 151"));
  }

  @Test
  void aRunbookWithinTheDeadlineIsRead() {
    RunbookParser parser = new RunbookParser(Duration.ofMillis(100), MILLISECOND_PER_LOOK);

    Runbook runbook = parser.parse("ok.md", runbook("Ok", 40), Revision.content("t"));

    assertThat(runbook.steps()).hasSize(40);
  }
}
