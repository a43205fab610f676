package dev.shepherd.source;

import dev.shepherd.runbook.RunbookParser;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Which Markdown files of a source are runbooks: {@code include:} and {@code exclude:} globs
 * ({@code docs/runbooks/**}, {@code **}{@code /drafts/**}), so a docs repo with 1,500 Markdown
 * files can name its runbooks. A glob without a slash matches file names anywhere; {@code **}/ also
 * matches at the top. With no include, every Markdown file ({@code .md}, {@code .markdown}, {@code
 * .html.md}, {@code .md.erb}) is a candidate.
 */
public final class RunbookFilter {
  /** Today's default: every Markdown file but READMEs. */
  public static final RunbookFilter DEFAULT =
      new RunbookFilter(List.of(), List.of("[Rr][Ee][Aa][Dd][Mm][Ee].md"));

  /** Every Markdown file, READMEs too: what {@code survey} looks at. */
  public static final RunbookFilter EVERY_MARKDOWN_FILE = new RunbookFilter(List.of(), List.of());

  private final List<String> includes;
  private final List<String> excludes;
  private final List<PathMatcher> include = new ArrayList<>();
  private final List<PathMatcher> exclude = new ArrayList<>();

  public RunbookFilter(List<String> includes, List<String> excludes) {
    this.includes = List.copyOf(includes);
    this.excludes = List.copyOf(excludes);
    includes.forEach(glob -> include.addAll(matchers(glob)));
    excludes.forEach(glob -> exclude.addAll(matchers(glob)));
  }

  /** The same filter with more globs (a command line's on top of the config's). */
  public RunbookFilter with(List<String> moreIncludes, List<String> moreExcludes) {
    List<String> in = new ArrayList<>(includes);
    in.addAll(moreIncludes);
    List<String> out = new ArrayList<>(excludes);
    out.addAll(moreExcludes);
    return new RunbookFilter(in, out);
  }

  public List<String> includes() {
    return includes;
  }

  public List<String> excludes() {
    return excludes;
  }

  private static List<PathMatcher> matchers(String glob) {
    String pattern = glob.strip().replace('\\', '/');
    if (pattern.isEmpty()) {
      throw new IllegalArgumentException("an empty glob matches nothing: remove it");
    }
    List<PathMatcher> matchers = new ArrayList<>();
    if (!pattern.contains("/")) {
      pattern = "**/" + pattern;
    }
    matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern));
    if (pattern.startsWith("**/")) {
      matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern.substring(3)));
    }
    if (pattern.endsWith("/**")) {
      matchers.add(
          FileSystems.getDefault()
              .getPathMatcher("glob:" + pattern.substring(0, pattern.length() - 3) + "/*"));
    }
    return matchers;
  }

  /** Whether a file, by its path relative to the source, is a runbook. */
  public boolean accepts(String relativePath) {
    String normalised = relativePath.replace('\\', '/');
    String name = normalised.substring(normalised.lastIndexOf('/') + 1);
    if (!RunbookParser.isMarkdown(name)) {
      return false;
    }
    Path path = Path.of(normalised);
    if (!include.isEmpty() && include.stream().noneMatch(m -> m.matches(path))) {
      return false;
    }
    return exclude.stream().noneMatch(m -> m.matches(path));
  }
}
