package dev.shepherd.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** Runs the {@code shepherd} command line in-process and keeps what it printed. */
public final class Cli {
  private Cli() {}

  /** What a command line did: its exit code and everything it printed. */
  public record Result(int exitCode, String out, String err) {
    public List<String> outLines() {
      return out.lines().toList();
    }

    public List<String> errLines() {
      return err.lines().toList();
    }
  }

  public static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode;
    try (PrintWriter outWriter = new PrintWriter(out);
        PrintWriter errWriter = new PrintWriter(err)) {
      exitCode = Main.run(outWriter, errWriter, args);
    }
    return new Result(exitCode, out.toString(), err.toString());
  }
}
