package dev.shepherd.runbook.procedure;

import java.util.Locale;

/**
 * The hint a team writes where inference is not enough, without rewriting its runbook: a one-line
 * HTML comment {@code <!-- shepherd: steps -->} right before the procedure (a heading, whose
 * section then holds the steps, or a list, whose items are the steps). The front matter key {@code
 * steps:} naming the procedure's heading says the same. Linear in the text; thread-safe.
 */
public final class Hints {
  /** The marker, as a team writes it. */
  public static final String MARKER = "<!-- shepherd: steps -->";

  private Hints() {}

  /** Whether an HTML block is the steps marker ({@code <!--shepherd:steps-->} spacing is free). */
  public static boolean isStepsMarker(String html) {
    if (html == null) {
      return false;
    }
    String text = html.strip();
    if (text.length() > 200 || !text.startsWith("<!--") || !text.endsWith("-->")) {
      return false;
    }
    String inner = text.substring(4, text.length() - 3).strip().toLowerCase(Locale.ROOT);
    if (!inner.startsWith("shepherd")) {
      return false;
    }
    String rest = inner.substring("shepherd".length()).stripLeading();
    if (!rest.startsWith(":")) {
      return false;
    }
    return rest.substring(1).strip().equals("steps");
  }
}
