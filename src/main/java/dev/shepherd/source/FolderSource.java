package dev.shepherd.source;

import dev.shepherd.runbook.Revision;
import dev.shepherd.runbook.RunbookFile;
import dev.shepherd.runbook.RunbookSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runbooks from a plain folder (subfolders included): the Markdown files its {@link RunbookFilter}
 * accepts (by default every {@code .md}, {@code .markdown}, {@code .html.md}, {@code .md.erb} file
 * but READMEs); each carries the SHA-256 of its bytes as its revision. A link is followed only to a
 * file inside the folder; one leading outside is reported unreadable.
 */
public final class FolderSource implements RunbookSource {
  private static final String INSIDE_ONLY = ": Shepherd reads only files inside it";

  private final Path folder;
  private final RunbookFilter filter;

  public FolderSource(Path folder) {
    this(folder, RunbookFilter.DEFAULT);
  }

  public FolderSource(Path folder, RunbookFilter filter) {
    this.folder = folder;
    this.filter = filter;
  }

  @Override
  public Snapshot load() throws SourceException {
    if (!Files.isDirectory(folder)) {
      throw new SourceException(
          "runbooks folder "
              + folder
              + " does not exist: create it or set"
              + " runbooks: in the config (or SHEPHERD_RUNBOOKS)");
    }
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(folder)) {
      paths =
          walk.filter(Files::isRegularFile)
              .filter(p -> filter.accepts(relative(p)))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new SourceException("cannot list " + folder + ": " + e.getMessage(), e);
    }
    List<RunbookFile> files = new ArrayList<>();
    List<Unreadable> unreadable = new ArrayList<>();
    for (Path path : paths) {
      try {
        files.add(read(path));
      } catch (SourceException e) {
        unreadable.add(new Unreadable(relative(path), e.getMessage()));
      }
    }
    return new Snapshot(files, unreadable);
  }

  @Override
  public RunbookFile read(String path, Revision revision) throws SourceException {
    Path inside = folder.toAbsolutePath().normalize();
    if (!inside.resolve(path).normalize().startsWith(inside)) {
      throw new SourceException(path + " is outside the runbooks folder " + folder + INSIDE_ONLY);
    }
    RunbookFile file = read(folder.resolve(path));
    if (!file.revision().equals(revision)) {
      throw new SourceException(
          path
              + " changed since "
              + revision.shortId()
              + " (now "
              + file.revision().shortId()
              + "): a folder keeps no history; use a git"
              + " source to pin revisions");
    }
    return file;
  }

  @Override
  public String describe() {
    return folder.toString();
  }

  private RunbookFile read(Path path) throws SourceException {
    byte[] bytes;
    try {
      // A link is followed only where it stays inside the folder: a runbook that links to
      // ~/.aws/credentials must not be posted to Slack.
      if (!path.toRealPath().startsWith(folder.toRealPath())) {
        throw new SourceException(
            "a link to a file outside the runbooks folder " + folder + INSIDE_ONLY);
      }
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      throw new SourceException("cannot read it: " + e.getMessage(), e);
    }
    String relative = relative(path);
    return new RunbookFile(relative, decode(bytes, relative), Revision.content(sha256(bytes)));
  }

  private String relative(Path path) {
    return folder.relativize(path).toString().replace('\\', '/');
  }

  static String decode(byte[] bytes, String path) throws SourceException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new SourceException("not UTF-8 text: save it as UTF-8", e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
