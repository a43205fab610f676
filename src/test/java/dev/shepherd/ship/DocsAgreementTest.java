package dev.shepherd.ship;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.cli.Main;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Keeps the documentation in agreement with the repository: every relative link in README.md and
 * docs/ leads to a file that exists (and to a heading that exists, when it names one), the package
 * map in docs/design/architecture.md lists exactly the packages under src/main/java/dev/shepherd,
 * docs/reference/commands.md names every command of the command line, and README.md stays short and
 * keeps its two commands.
 */
class DocsAgreementTest {
  private static final Path README = Path.of("README.md");
  private static final Path DOCS = Path.of("docs");
  private static final Path ARCHITECTURE = DOCS.resolve("design/architecture.md");
  private static final Path COMMANDS = DOCS.resolve("reference/commands.md");
  private static final Path PACKAGES = Path.of("src/main/java/dev/shepherd");

  private static final String RUN_IT =
      "mvn -B -q package -DskipTests && java -jar target/shepherd.jar sandbox";
  private static final String RUN_THE_TESTS = "mvn -B verify";

  /** {@code [text](target)} and {@code ![alt](target)}; a title after the target is allowed. */
  private static final Pattern LINK =
      Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

  private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~)");
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
  private static final Pattern CODE_SPAN = Pattern.compile("`[^`]*`");

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** README.md and every Markdown page under docs/. */
  private static List<Path> pages() {
    List<Path> pages = new ArrayList<>(List.of(README));
    try (Stream<Path> files = Files.walk(DOCS)) {
      files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(pages::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pages;
  }

  /** The page's lines outside fenced code blocks, by line number (from 1). */
  private static Map<Integer, String> prose(Path page) {
    Map<Integer, String> lines = new LinkedHashMap<>();
    String fence = null;
    int number = 0;
    for (String line : read(page).lines().toList()) {
      number++;
      Matcher opening = FENCE.matcher(line);
      if (fence == null && opening.find()) {
        fence = opening.group(1);
        continue;
      }
      if (fence != null) {
        // Only a bare fence of the same kind closes one: "```bash" inside a diff does not.
        if (line.strip().matches("`{3,}|~{3,}") && line.strip().startsWith(fence)) {
          fence = null;
        }
        continue;
      }
      lines.put(number, line);
    }
    return lines;
  }

  /** GitHub's anchors for a page's headings: lower case, punctuation dropped, spaces as dashes. */
  private static Set<String> anchors(Path page) {
    Set<String> anchors = new TreeSet<>();
    Map<String, Integer> seen = new HashMap<>();
    for (String line : prose(page).values()) {
      Matcher heading = HEADING.matcher(line);
      if (!heading.matches()) {
        continue;
      }
      String slug =
          heading
              .group(1)
              .toLowerCase(Locale.ROOT)
              .replaceAll("[^\\p{L}\\p{N} _-]", "")
              .replace(' ', '-');
      int count = seen.merge(slug, 1, Integer::sum);
      anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
    }
    return anchors;
  }

  /** What is wrong with each relative link of a page, as {@code page:line: problem}. */
  private static List<String> brokenLinks(Path page) {
    List<String> broken = new ArrayList<>();
    for (Map.Entry<Integer, String> line : prose(page).entrySet()) {
      Matcher link = LINK.matcher(CODE_SPAN.matcher(line.getValue()).replaceAll(""));
      while (link.find()) {
        String target = link.group(1);
        if (target.matches("^[a-z][a-z0-9+.-]*:.*")) {
          continue; // https:, mailto: and the like
        }
        String where = page + ":" + line.getKey() + ": " + target;
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? "" : target.substring(hash + 1);
        Path resolved =
            file.isEmpty() ? page : page.toAbsolutePath().getParent().resolve(file).normalize();
        Path relative = Path.of("").toAbsolutePath().relativize(resolved.toAbsolutePath());
        if (!Files.exists(resolved)) {
          broken.add(where + " leads to no file");
          continue;
        }
        if (!anchor.isEmpty() && resolved.toString().endsWith(".md")) {
          Set<String> anchors = anchors(resolved);
          if (!anchors.contains(anchor)) {
            broken.add(where + " names no heading of " + relative + " (it has " + anchors + ")");
          }
        }
      }
    }
    return broken;
  }

  @Test
  void everyRelativeLinkInTheDocsLeadsToAFileAndHeadingThatExist() {
    List<String> broken = new ArrayList<>();
    pages().forEach(page -> broken.addAll(brokenLinks(page)));
    assertThat(broken).as("links in README.md and docs/ that lead nowhere").isEmpty();
  }

  @Test
  void theLinkCheckFindsALinkToAMissingPage() throws IOException {
    Path page = Files.createTempFile(DOCS, "link-check", ".md");
    try {
      Files.writeString(
          page,
          "See [the guide](guides/fleets.md#waves), [nothing](guides/nowhere.md),\n"
              + "[no heading](guides/fleets.md#no-such-heading) and `[code](x.md)`.\n"
              + "```\n[in a fence](nowhere.md)\n```\n");
      assertThat(brokenLinks(page))
          .containsExactly(
              page + ":1: guides/nowhere.md leads to no file",
              page
                  + ":2: guides/fleets.md#no-such-heading names no heading of"
                  + " docs/guides/fleets.md (it has "
                  + anchors(DOCS.resolve("guides/fleets.md"))
                  + ")");
    } finally {
      Files.delete(page);
    }
  }

  /** Every folder under src/main/java/dev/shepherd holding Java files, as a dotted package name. */
  private static Set<String> packagesInTheCode() {
    Set<String> packages = new TreeSet<>();
    try (Stream<Path> dirs = Files.walk(PACKAGES)) {
      for (Path dir : dirs.filter(Files::isDirectory).toList()) {
        try (Stream<Path> files = Files.list(dir)) {
          if (dir.equals(PACKAGES) || files.noneMatch(f -> f.toString().endsWith(".java"))) {
            continue;
          }
        }
        packages.add(PACKAGES.relativize(dir).toString().replace('/', '.').replace('\\', '.'));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return packages;
  }

  /** The package map's rows: package name to its "where" column. */
  private static Map<String, String> packageMap() {
    List<String> lines = read(ARCHITECTURE).lines().toList();
    int header = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).replace(" ", "").startsWith("|package|whatitisfor|where|")) {
        header = i;
        break;
      }
    }
    assertThat(header)
        .as("%s's table headed | package | what it is for | where |", ARCHITECTURE)
        .isNotNegative();
    Map<String, String> rows = new TreeMap<>();
    for (String line : lines.subList(header + 2, lines.size())) {
      if (!line.startsWith("|")) {
        break;
      }
      String[] cells = line.split("\\|");
      rows.put(cells[1].strip().replace("`", ""), cells[cells.length - 1].strip().replace("`", ""));
    }
    return rows;
  }

  @Test
  void thePackageMapListsExactlyThePackagesInTheCode() {
    Set<String> code = packagesInTheCode();
    Map<String, String> map = packageMap();

    assertThat(code)
        .as("packages the scan finds")
        .contains("app", "rollout.engine", "slack.command");
    assertThat(new TreeSet<>(code))
        .as("packages under %s missing from the package map of %s", PACKAGES, ARCHITECTURE)
        .isSubsetOf(map.keySet());
    assertThat(map.keySet())
        .as("packages in the map of %s that are not under %s", ARCHITECTURE, PACKAGES)
        .isSubsetOf(code);
    map.forEach(
        (name, where) ->
            assertThat(where)
                .as("the where column of %s in %s", name, ARCHITECTURE)
                .isEqualTo(name.replace('.', '/') + "/"));
  }

  /** Every command of the command line by its full name: serve, audit verify, … */
  private static List<String> commandNames(CommandLine command, String prefix) {
    List<String> names = new ArrayList<>();
    command
        .getSubcommands()
        .forEach(
            (name, sub) -> {
              if (sub.getCommandSpec().aliases().length > 0 && !name.equals(sub.getCommandName())) {
                return; // an alias: the command is listed under its own name
              }
              names.add(prefix + name);
              names.addAll(commandNames(sub, prefix + name + " "));
            });
    return names;
  }

  @Test
  void theCommandReferenceNamesEveryCommandOfTheCommandLine() {
    List<String> commands = commandNames(new CommandLine(new Main()), "shepherd ");
    String reference = read(COMMANDS);

    assertThat(commands).contains("shepherd serve", "shepherd audit verify", "shepherd retro");
    assertThat(
            commands.stream()
                .filter(
                    name ->
                        !Pattern.compile("`" + Pattern.quote(name) + "[` ]")
                            .matcher(reference)
                            .find())
                .toList())
        .as("commands of dev.shepherd.cli.Main that %s does not name", COMMANDS)
        .isEmpty();
  }

  /** The text of a README section: from its heading to the next one. */
  private static String section(String readme, String heading) {
    int start = readme.indexOf("\n## " + heading + "\n");
    assertThat(start).as("README.md's section \"## %s\"", heading).isNotNegative();
    int end = readme.indexOf("\n## ", start + 1);
    return readme.substring(start, end < 0 ? readme.length() : end);
  }

  @Test
  void readmeIsShortAndKeepsItsTwoCommands() {
    String readme = read(README);

    assertThat(readme.lines().count()).as("lines of README.md").isLessThanOrEqualTo(200);
    assertThat(section(readme, "Run it")).contains("```sh\n" + RUN_IT + "\n```\n");
    assertThat(section(readme, "Run the tests")).contains("```sh\n" + RUN_THE_TESTS + "\n```\n");
  }
}
