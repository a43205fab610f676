package dev.shepherd.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.lint.Finding;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;

/** How {@code lint} prints its findings: for people, for GitHub Actions, or for scripts. */
enum LintFormat {
  /** {@code path:line: error: message} lines and a summary line. */
  TEXT {
    @Override
    String write(List<Finding> findings, Summary summary) {
      StringBuilder out = new StringBuilder();
      findings.forEach(finding -> out.append(finding).append('\n'));
      return out.append(summary.line()).append('\n').toString();
    }
  },
  /** Workflow commands that GitHub shows as annotations on the pull request's lines. */
  GITHUB {
    @Override
    String write(List<Finding> findings, Summary summary) {
      StringBuilder out = new StringBuilder();
      for (Finding finding : findings) {
        // GitHub's quietest annotation is a notice.
        out.append("::")
            .append(
                finding.severity() == Finding.Severity.NOTE ? "notice" : finding.severity().label())
            .append(" file=")
            .append(property(finding.path()))
            .append(",line=")
            .append(finding.line())
            .append("::")
            .append(data(finding.message()))
            .append('\n');
      }
      return out.append(summary.line()).append('\n').toString();
    }
  },
  /** One JSON document: the findings and the counts. */
  JSON {
    @Override
    String write(List<Finding> findings, Summary summary) {
      ObjectNode root = MAPPER.createObjectNode();
      ArrayNode array = root.putArray("findings");
      for (Finding finding : findings) {
        array
            .addObject()
            .put("path", finding.path())
            .put("line", finding.line())
            .put("severity", finding.severity().label())
            .put("message", finding.message());
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

  /** The whole output for these findings. */
  abstract String write(List<Finding> findings, Summary summary);

  /** What was checked and how it went. */
  record Summary(long errors, long warnings, int runbooks, int partitions) {
    static Summary of(List<Finding> findings, int runbooks, int partitions) {
      long errors = findings.stream().filter(f -> f.severity() == Finding.Severity.ERROR).count();
      long warnings =
          findings.stream().filter(f -> f.severity() == Finding.Severity.WARNING).count();
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
