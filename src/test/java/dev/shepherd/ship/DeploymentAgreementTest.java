package dev.shepherd.ship;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.bench.PerformanceBenchmark;
import dev.shepherd.config.ServeSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Keeps what ships beside the code in agreement with it: every environment variable Shepherd reads
 * is in the table of docs/reference/environment.md and in the Helm chart, the chart sets no
 * variable Shepherd does not read, and the Dockerfile's port, paths and user are the code's and the
 * chart's.
 *
 * <p>"Reads" is found in the source, not listed here: a string literal naming a variable ({@code
 * SHEPHERD_*}, {@code SLACK_*}, {@code PORT}) passed to {@code System.getenv}, to {@code
 * env.get}/{@code getOrDefault}/{@code containsKey}, or as the name after {@code env} in a helper
 * such as {@code value(env, "PORT")}; and {@code SHEPHERD_*} names logback.xml looks up.
 */
class DeploymentAgreementTest {
  private static final Path MAIN = Path.of("src/main/java");
  private static final Path LOGBACK = Path.of("src/main/resources/logback.xml");
  private static final Path ENVIRONMENT = Path.of("docs/reference/environment.md");
  private static final Path CHART = Path.of("helm/shepherd");
  private static final Path VALUES = CHART.resolve("values.yaml");
  private static final Path DEPLOYMENT = CHART.resolve("templates/deployment.yaml");
  private static final Path DOCKERFILE = Path.of("Dockerfile");

  private static final String NAME = "(?:SHEPHERD|SLACK)_[A-Z0-9_]+|PORT";
  private static final Pattern LITERAL = Pattern.compile("\"(" + NAME + ")\"");
  private static final Pattern LOOKUP =
      Pattern.compile(
          "(?:System\\.getenv\\(\\s*"
              + "|\\benv\\.(?:get|getOrDefault|containsKey)\\(\\s*|\\w\\(\\s*env\\s*,\\s*)\"("
              + NAME
              + ")\"");
  private static final Pattern LOGBACK_LOOKUP =
      Pattern.compile("<key>(" + NAME + ")</key>|\\$\\{(" + NAME + ")(?::-[^}]*)?}");
  private static final Pattern TEMPLATE_ENV =
      Pattern.compile("^\\s*- name: ([A-Z][A-Z0-9_]*)\\s*$", Pattern.MULTILINE);
  private static final Pattern BACKTICKED = Pattern.compile("`([A-Z][A-Z0-9_]*)`");

  /** A variable Shepherd reads, and the first place that reads it. */
  private record Read(String name, String where) {}

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int lineOf(String text, int offset) {
    return (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
  }

  private static List<Path> javaFiles() {
    try (Stream<Path> files = Files.walk(MAIN)) {
      return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every variable Shepherd reads, by name, with where it is first read. */
  private static Map<String, String> variablesShepherdReads() {
    Map<String, String> reads = new TreeMap<>();
    for (Path file : javaFiles()) {
      String text = read(file);
      Matcher lookup = LOOKUP.matcher(text);
      while (lookup.find()) {
        reads.putIfAbsent(lookup.group(1), file + ":" + lineOf(text, lookup.start()));
      }
    }
    String logback = read(LOGBACK);
    Matcher lookup = LOGBACK_LOOKUP.matcher(logback);
    while (lookup.find()) {
      String name = lookup.group(1) != null ? lookup.group(1) : lookup.group(2);
      reads.putIfAbsent(name, LOGBACK + ":" + lineOf(logback, lookup.start()));
    }
    return reads;
  }

  /** The names in the first column of docs/reference/environment.md's table. */
  private static Set<String> environmentTable() {
    List<String> lines = read(ENVIRONMENT).lines().toList();
    int header = lines.indexOf("| variable | meaning | default |");
    assertThat(header)
        .as("%s's table headed | variable | meaning | default |", ENVIRONMENT)
        .isNotNegative();
    Set<String> names = new TreeSet<>();
    for (String line : lines.subList(header + 2, lines.size())) {
      if (!line.startsWith("|")) {
        break;
      }
      Matcher name = BACKTICKED.matcher(line.split("\\|")[1]);
      while (name.find()) {
        names.add(name.group(1));
      }
    }
    return names;
  }

  private static String chartText() {
    try (Stream<Path> files = Files.walk(CHART)) {
      return files
          .filter(Files::isRegularFile)
          .sorted()
          .map(DeploymentAgreementTest::read)
          .collect(Collectors.joining("\n"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every variable the chart can set, with where: literal names in templates, keys in values. */
  @SuppressWarnings("unchecked")
  private static Map<String, String> variablesTheChartSets() throws IOException {
    Map<String, String> sets = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(CHART.resolve("templates"))) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        String text = read(file);
        Matcher env = TEMPLATE_ENV.matcher(text);
        while (env.find()) {
          sets.putIfAbsent(env.group(1), file + ":" + lineOf(text, env.start()));
        }
      }
    }
    Map<String, Object> values = new Yaml().load(read(VALUES));
    Map<String, Object> secrets = (Map<String, Object>) values.get("secrets");
    ((Map<String, Object>) secrets.get("env"))
        .keySet()
        .forEach(name -> sets.putIfAbsent(name, VALUES + ": secrets.env." + name));
    Optional.ofNullable((Map<String, Object>) values.get("env"))
        .orElse(Map.of())
        .keySet()
        .forEach(name -> sets.putIfAbsent(name, VALUES + ": env." + name));
    String helpers = read(CHART.resolve("templates/_helpers.tpl"));
    for (String list : List.of("shepherd.chartEnv", "shepherd.secretEnv")) {
      Matcher define =
          Pattern.compile("define \"" + Pattern.quote(list) + "\" -}}\\s*\\n([^{]*)")
              .matcher(helpers);
      assertThat(define.find()).as("%s defined in _helpers.tpl", list).isTrue();
      for (String name : define.group(1).trim().split("\\s+")) {
        sets.putIfAbsent(name, CHART.resolve("templates/_helpers.tpl") + ": " + list);
      }
    }
    return sets;
  }

  private static int defaultPort() {
    return ServeSettings.from(
            Map.of("SLACK_BOT_TOKEN", "xoxb-test", "SLACK_SIGNING_SECRET", "s"), Path.of("data"))
        .port();
  }

  /** The Dockerfile's instructions, continuation lines joined, comments dropped. */
  private static List<String> dockerfile() {
    List<String> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : read(DOCKERFILE).lines().toList()) {
      if (line.strip().startsWith("#")) {
        continue;
      }
      if (line.endsWith("\\")) {
        current.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      current.append(line);
      if (!current.toString().isBlank()) {
        instructions.add(current.toString().strip().replaceAll("\\s+", " "));
      }
      current.setLength(0);
    }
    return instructions;
  }

  private static List<String> instructions(String keyword) {
    return dockerfile().stream()
        .filter(i -> i.startsWith(keyword + " "))
        .map(i -> i.substring(keyword.length() + 1))
        .toList();
  }

  /** The Dockerfile's ENV settings of the final stage. */
  private static Map<String, String> dockerEnv() {
    Map<String, String> env = new LinkedHashMap<>();
    Matcher setting =
        Pattern.compile("([A-Z_][A-Z0-9_]*)=(\\S+)").matcher(String.join(" ", instructions("ENV")));
    while (setting.find()) {
      env.put(setting.group(1), setting.group(2));
    }
    return env;
  }

  @Test
  void theScanFindsWhatShepherdIsKnownToRead() {
    assertThat(variablesShepherdReads())
        .containsKeys(
            "PORT",
            "SLACK_BOT_TOKEN",
            "SLACK_SIGNING_SECRET",
            "SHEPHERD_CONFIG",
            "SHEPHERD_DB_URL",
            "SHEPHERD_GIT_TOKEN",
            "SHEPHERD_GIT_FETCH_SECONDS",
            "SHEPHERD_LOG_FORMAT");
  }

  /** A new way of reading a variable would hide it from this test: it must say so instead. */
  @Test
  void everyVariableNameInTheCodeIsReadThroughALookupThisTestRecognises() {
    Set<String> read = variablesShepherdReads().keySet();
    List<String> unrecognised = new ArrayList<>();
    for (Path file : javaFiles()) {
      String text = read(file);
      Matcher literal = LITERAL.matcher(text);
      while (literal.find()) {
        if (!read.contains(literal.group(1))) {
          unrecognised.add(
              literal.group(1) + " (" + file + ":" + lineOf(text, literal.start()) + ")");
        }
      }
    }
    assertThat(unrecognised)
        .as(
            "variable names in the code that no lookup this test recognises"
                + " reads; if they are read another way, teach DeploymentAgreementTest.LOOKUP that shape")
        .isEmpty();
  }

  @Test
  void everyVariableShepherdReadsIsInTheEnvironmentReference() {
    Set<String> table = environmentTable();
    List<String> missing =
        variablesShepherdReads().entrySet().stream()
            .filter(read -> !table.contains(read.getKey()))
            .map(read -> read.getKey() + " (read at " + read.getValue() + ")")
            .toList();
    assertThat(missing)
        .as("variables Shepherd reads that the table of %s lacks", ENVIRONMENT)
        .isEmpty();
  }

  @Test
  void theEnvironmentReferenceListsOnlyVariablesShepherdReads() {
    Set<String> read = variablesShepherdReads().keySet();
    assertThat(environmentTable())
        .as("variables in the table of %s that Shepherd never reads", ENVIRONMENT)
        .isSubsetOf(read);
  }

  @Test
  void everyVariableShepherdReadsIsInTheChart() {
    String chart = chartText();
    List<String> missing =
        variablesShepherdReads().entrySet().stream()
            .filter(read -> !Pattern.compile("\\b" + read.getKey() + "\\b").matcher(chart).find())
            .map(read -> read.getKey() + " (read at " + read.getValue() + ")")
            .toList();
    assertThat(missing)
        .as(
            "variables Shepherd reads that helm/shepherd (values.yaml or"
                + " templates) never mentions")
        .isEmpty();
  }

  @Test
  void everyVariableTheChartSetsIsOneShepherdReads() throws IOException {
    Set<String> read = variablesShepherdReads().keySet();
    List<String> unknown =
        variablesTheChartSets().entrySet().stream()
            .filter(set -> !read.contains(set.getKey()))
            .map(set -> set.getKey() + " (" + set.getValue() + ")")
            .toList();
    assertThat(unknown).as("variables helm/shepherd sets that Shepherd never reads").isEmpty();
  }

  @Test
  void dockerfileSetsOnlyVariablesShepherdReads() {
    Set<String> read = variablesShepherdReads().keySet();
    assertThat(dockerEnv().keySet())
        .as("ENV names in the Dockerfile that Shepherd never reads")
        .isSubsetOf(read);
  }

  @Test
  void dockerfilePortIsTheCodesDefaultPort() {
    String port = String.valueOf(defaultPort());

    assertThat(instructions("EXPOSE")).as("Dockerfile EXPOSE").containsExactly(port);
    assertThat(dockerEnv()).as("Dockerfile ENV").containsEntry("PORT", port);
    assertThat(instructions("HEALTHCHECK"))
        .singleElement()
        .asString()
        .contains("http://127.0.0.1:${PORT}/healthz");
  }

  @Test
  void chartContainerPortIsTheCodesDefaultPort() {
    String deployment = read(DEPLOYMENT);
    String port = String.valueOf(defaultPort());

    assertThat(
            Pattern.compile("containerPort: (\\d+)")
                .matcher(deployment)
                .results()
                .map(m -> m.group(1)))
        .as("containerPort in %s", DEPLOYMENT)
        .containsExactly(port);
    assertThat(deployment)
        .as("PORT set in %s", DEPLOYMENT)
        .contains("- name: PORT\n              value: \"" + port + "\"\n");
  }

  @Test
  void probesAndIngressUseThePathsTheServerServes() {
    String server = read(MAIN.resolve("dev/shepherd/server/HttpServer.java"));
    String chart = chartText();
    for (String path : List.of("/healthz", "/readyz", "/slack/events")) {
      assertThat(server).as("HttpServer serves %s", path).contains("\"" + path + "\"");
    }
    assertThat(read(DEPLOYMENT)).contains("path: /healthz", "path: /readyz");
    assertThat(chart).contains("- path: /slack/events");
    assertThat(instructions("HEALTHCHECK")).singleElement().asString().contains("/healthz");
  }

  @Test
  void dockerfilePathsAndUserAreTheCharts() {
    Map<String, String> env = dockerEnv();
    String deployment = read(DEPLOYMENT);

    assertThat(env)
        .containsEntry("SHEPHERD_DATA_DIR", "/data")
        .containsEntry("SHEPHERD_CONFIG", "/config/shepherd.yaml");
    assertThat(instructions("VOLUME")).containsExactly("[\"/data\"]");
    assertThat(deployment)
        .contains("- name: SHEPHERD_DATA_DIR\n              value: /data\n")
        .contains("mountPath: /data\n")
        .contains("- name: SHEPHERD_CONFIG\n              value: /config/shepherd.yaml\n")
        .contains("mountPath: /config\n")
        .contains("mountPath: /tmp\n");
    assertThat(read(CHART.resolve("templates/configmap.yaml"))).contains("  shepherd.yaml: |");

    assertThat(instructions("USER")).containsExactly("10001:10001");
    assertThat(deployment)
        .contains(
            "runAsUser: 10001\n",
            "runAsGroup: 10001\n",
            "fsGroup: 10001\n",
            "runAsNonRoot: true\n",
            "readOnlyRootFilesystem: true\n");
  }

  @Test
  void imageRunsTheJarTheBuildMakes() {
    assertThat(read(Path.of("pom.xml"))).contains("<finalName>shepherd</finalName>");
    assertThat(instructions("COPY"))
        .contains("--from=build /src/target/shepherd.jar /app/shepherd.jar");
    assertThat(instructions("ENTRYPOINT"))
        .singleElement()
        .asString()
        .startsWith("[\"java\", ")
        .contains("\"-XX:MaxRAMPercentage=75\"", "\"-XX:+ExitOnOutOfMemoryError\"")
        .endsWith("\"-jar\", \"/app/shepherd.jar\"]");
    assertThat(instructions("CMD")).containsExactly("[\"serve\"]");
  }

  @Test
  void theBenchmarkSizesItsServersAsTheImageUnderTheChartsMemoryLimit() {
    // BENCHMARKS.md's memory figure stands for a pod only while these agree.
    String limit = read(VALUES).replaceAll("(?s).*\\n  limits:\\n    memory: (\\d+)Mi\\n.*", "$1");
    assertThat(PerformanceBenchmark.CONTAINER_JVM)
        .containsExactly(
            "-XX:MaxRAM=" + limit + "m", "-XX:MaxRAMPercentage=75", "-XX:+UseSerialGC");
    assertThat(instructions("ENTRYPOINT"))
        .singleElement()
        .asString()
        .contains("\"-XX:MaxRAMPercentage=75\", \"-XX:+UseSerialGC\"");
  }
}
