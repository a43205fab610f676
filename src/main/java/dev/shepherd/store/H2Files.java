package dev.shepherd.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.h2.mvstore.MVStoreTool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Shepherd does to an H2 file database so that an acknowledged click survives SIGKILL.
 *
 * <p>H2 2.x (up to 2.5.252, the newest served) loses a commit written into space it reused: {@code
 * RandomAccessStore.writeChunk} rewrites the file header when a chunk lands away from where the
 * previous chunk predicted, but {@code FileStore.storeBuffer} only makes the new chunk the last one
 * after that call, so the header names the previous chunk and recovery never finds the new one.
 * Space is reused once dead chunks are older than the retention time (45 s), so the first click
 * after a minute's idle was the one lost. Written at the end of the file, a chunk is found by
 * recovery through the file's last block, so Shepherd turns reuse off and gives the space back by
 * compacting the file each time it opens it (no process holds it then).
 */
final class H2Files {
  private static final Logger log = LoggerFactory.getLogger(H2Files.class);

  private H2Files() {}

  static boolean isFile(String url) {
    return url.startsWith("jdbc:h2:")
        && !url.startsWith("jdbc:h2:mem:")
        && !url.startsWith("jdbc:h2:tcp:")
        && !url.startsWith("jdbc:h2:ssl:");
  }

  /**
   * Commits written at once (H2 otherwise delays them by up to half a second) and never into reused
   * space; settings the URL names are left as written.
   */
  static String durable(String url) {
    if (!isFile(url)) {
      return url;
    }
    String upper = url.toUpperCase(Locale.ROOT);
    String durable = url;
    if (!upper.contains("WRITE_DELAY")) {
      durable += ";WRITE_DELAY=0";
    }
    if (!upper.contains("REUSE_SPACE")) {
      durable += ";REUSE_SPACE=FALSE";
    }
    return durable;
  }

  /**
   * A file URL opened read-only, whatever access mode it names, and only if the file exists (H2
   * would otherwise create an empty one); any other URL as it is. H2 writes nothing to a file
   * opened so, not even on close.
   */
  static String readOnly(String url) {
    if (!isFile(url)) {
      return url;
    }
    String upper = url.toUpperCase(Locale.ROOT);
    String readOnly =
        upper.contains("ACCESS_MODE_DATA")
            ? url.replaceAll("(?i)ACCESS_MODE_DATA=[a-z]*", "ACCESS_MODE_DATA=r")
            : url + ";ACCESS_MODE_DATA=r";
    return upper.contains("IFEXISTS")
        ? readOnly.replaceAll("(?i)IFEXISTS=[a-z]*", "IFEXISTS=TRUE")
        : readOnly + ";IFEXISTS=TRUE";
  }

  /** The {@code .mv.db} file of a file URL, if the URL names one Shepherd can find. */
  static Optional<Path> storeFile(String url) {
    if (!isFile(url)) {
      return Optional.empty();
    }
    String name = url.substring("jdbc:h2:".length());
    int settings = name.indexOf(';');
    if (settings >= 0) {
      name = name.substring(0, settings);
    }
    if (name.startsWith("file:")) {
      name = name.substring("file:".length());
    }
    if (name.startsWith("~") || name.contains(":")) {
      return Optional.empty();
    }
    return Optional.of(Path.of(name + ".mv.db"));
  }

  /**
   * Rewrites the store with only its live pages, before anything opens it. A file another process
   * holds is left alone: opening it then fails with H2's own message about the lock.
   */
  static void compact(String url) {
    Optional<Path> file = storeFile(url).filter(Files::isRegularFile);
    if (file.isEmpty()) {
      return;
    }
    try {
      long before = Files.size(file.get());
      long start = System.nanoTime();
      MVStoreTool.compact(file.get().toString(), false);
      long after = Files.size(file.get());
      log.info(
          "compacted {}: {} KiB -> {} KiB in {} ms",
          file.get(),
          before / 1024,
          after / 1024,
          (System.nanoTime() - start) / 1_000_000);
    } catch (IOException | RuntimeException e) {
      log.warn("did not compact {}: {}", file.get(), e.getMessage());
    }
  }
}
