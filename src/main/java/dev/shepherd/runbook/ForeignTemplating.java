package dev.shepherd.runbook;

import java.util.List;

/**
 * Docs-site templating in a runbook (Liquid, Jinja, Hugo shortcodes, ERB): not Shepherd variables,
 * shown as written. Lint notes it once per runbook.
 *
 * @param dialects what was recognised, in order of first use ({@code Liquid tags}, {@code ERB})
 * @param uses how many placeholders and tags
 * @param firstLine the file line of the first one, 0 when there is none
 */
public record ForeignTemplating(List<String> dialects, int uses, int firstLine) {
  public static final ForeignTemplating NONE = new ForeignTemplating(List.of(), 0, 0);

  public ForeignTemplating {
    dialects = List.copyOf(dialects);
  }

  public boolean present() {
    return uses > 0;
  }
}
