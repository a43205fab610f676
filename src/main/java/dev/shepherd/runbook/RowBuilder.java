package dev.shepherd.runbook;

import java.util.List;

/** A troubleshooting row written as Symptom / Cause / Fix labels, or under a symptom heading. */
final class RowBuilder {
  private final List<TroubleshootingRow> target;
  private final int line;
  private final StringBuilder symptom = new StringBuilder();
  private final StringBuilder cause = new StringBuilder();
  private final StringBuilder fix = new StringBuilder();
  private boolean headingOnly;

  RowBuilder(List<TroubleshootingRow> target, int line) {
    this.target = target;
    this.line = line;
  }

  static RowBuilder underHeading(List<TroubleshootingRow> target, int line, String symptom) {
    RowBuilder row = new RowBuilder(target, line);
    row.append(Labels.Part.SYMPTOM, symptom);
    row.headingOnly = true;
    return row;
  }

  /** A row a symptom heading opened and nothing has filled yet: its Symptoms label adds to it. */
  boolean openedByHeading() {
    boolean only = headingOnly && cause.length() == 0 && fix.length() == 0;
    headingOnly = false;
    return only;
  }

  void append(Labels.Part part, String text) {
    StringBuilder field =
        switch (part) {
          case SYMPTOM -> symptom;
          case CAUSE -> cause;
          default -> fix;
        };
    if (field.length() > 0 && !text.isBlank()) {
      field.append('\n');
    }
    field.append(text.strip());
  }

  void close() {
    target.add(new TroubleshootingRow(symptom.toString(), cause.toString(), fix.toString(), line));
  }
}
