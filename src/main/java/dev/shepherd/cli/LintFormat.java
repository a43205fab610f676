package dev.shepherd.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.lint.Problem;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;

/** How {@code lint} prints its problems: for people, for GitHub Actions, or for scripts. */
enum LintFormat {
  /** {@code path:line: error: message} lines and a summary line. */
  TEXT {
    @Override
    String write(List<Problem> problems, Summary summary) {
      StringBuilder out = new StringBuilder();
      problems.forEach(problem -> out.append(problem).append('\n'));
      return out.append(summary.line()).append('\n').toString();
    }
  },
  /** Workflow commands that GitHub shows as annotations on the pull request's lines. */
  GITHUB {
    @Override
    String write(List<Problem> problems, Summary summary) {
      StringBuilder out = new StringBuilder();
      for (Problem problem : problems) {
        // GitHub's quietest annotation is a notice.
        out.append("::")
            .append(
                problem.severity() == Problem.Severity.NOTE ? "notice" : problem.severity().label())
            .append(" file=")
            .append(property(problem.path()))
            .append(",line=")
            .append(problem.line())
            .append("::")
            .append(data(problem.message()))
            .append('\n');
      }
      return out.append(summary.line()).append('\n').toString();
    }
  },
  /** One JSON document: the problems and the counts. */
  JSON {
    @Override
    String write(List<Problem> problems, Summary summary) {
      ObjectNode root = MAPPER.createObjectNode();
      ArrayNode array = root.putArray("findings");
      for (Problem problem : problems) {
        array
            .addObject()
            .put("path", problem.path())
            .put("line", problem.line())
            .put("severity", problem.severity().label())
            .put("message", problem.message());
      }
      root.putObject("counts")
          .put("errors", summary.errors())
          .put("warnings", summary.warnings())
          .put("runbooks", summary.runbooks())
          .put("partitions", summary.partitions());
      try {
        return MAPPER.writeValueAsString(root) + "\n";
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a tree of strings and numbers always serialises", e);
      }
    }
  };

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The whole output for these problems. */
  abstract String write(List<Problem> problems, Summary summary);

  /** What was checked and how it went. */
  record Summary(long errors, long warnings, int runbooks, int partitions) {
    static Summary of(List<Problem> problems, int runbooks, int partitions) {
      long errors = problems.stream().filter(f -> f.severity() == Problem.Severity.ERROR).count();
      long warnings =
          problems.stream().filter(f -> f.severity() == Problem.Severity.WARNING).count();
      return new Summary(errors, warnings, runbooks, partitions);
    }

    String line() {
      return plural(errors, "error")
          + ", "
          + plural(warnings, "warning")
          + " in "
          + plural(runbooks, "runbook")
          + " for "
          + plural(partitions, "partition");
    }

    private static String plural(long count, String noun) {
      return count + " " + noun + (count == 1 ? "" : "s");
    }
  }

  // GitHub workflow commands: https://docs.github.com/actions/reference/workflow-commands
  private static String data(String text) {
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  private static String property(String text) {
    return data(text).replace(":", "%3A").replace(",", "%2C");
  }

  /** Reads {@code --format}: the names in lower case, as the help shows them. */
  static final class Converter implements CommandLine.ITypeConverter<LintFormat> {
    @Override
    public LintFormat convert(String value) {
      for (LintFormat format : values()) {
        if (format.toString().equals(value.toLowerCase(Locale.ROOT))) {
          return format;
        }
      }
      throw new CommandLine.TypeConversionException(
          "unknown format \"" + value + "\": write text, github or json");
    }
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
