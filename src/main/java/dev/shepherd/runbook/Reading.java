package dev.shepherd.runbook;

import java.util.List;
import java.util.Optional;

/**
 * How a runbook was read, beyond its steps: the shape its steps were found in, its runbook-wide
 * sections, and where every source line went.
 *
 * @param shape how the steps were written ({@code numbered headings}, {@code list items}…), or
 *     {@code none}
 * @param description the front matter's {@code description}, when it has one
 * @param rollback the runbook-wide Rollback section
 * @param troubleshooting the runbook-wide troubleshooting rows
 * @param diagnosis the runbook-wide troubleshooting prose that is not a row
 * @param verify the runbook-wide verification section
 * @param placements where each block of the file went, in file order
 * @param notWalked what was read but is not walked, with why
 * @param templating docs-site templating the runbook uses
 * @param nearest for a runbook without steps, the nearest thing to a step that was found
 */
public record Reading(
    String shape,
    Optional<String> description,
    Optional<Section> rollback,
    List<TroubleshootingRow> troubleshooting,
    Optional<Section> diagnosis,
    Optional<Section> verify,
    List<Placement> placements,
    List<NotWalked> notWalked,
    ForeignTemplating templating,
    String nearest) {

  public static final Reading NONE =
      new Reading(
          "none",
          Optional.empty(),
          Optional.empty(),
          List.of(),
          Optional.empty(),
          Optional.empty(),
          List.of(),
          List.of(),
          ForeignTemplating.NONE,
          "");

  public Reading {
    troubleshooting = List.copyOf(troubleshooting);
    placements = List.copyOf(placements);
    notWalked = List.copyOf(notWalked);
  }

  /** A copy with sections replaced (the renderer fills their templates). */
  Reading withSections(
      Optional<Section> rollback,
      List<TroubleshootingRow> troubleshooting,
      Optional<Section> diagnosis,
      Optional<Section> verify) {
    return new Reading(
        shape,
        description,
        rollback,
        troubleshooting,
        diagnosis,
        verify,
        placements,
        notWalked,
        templating,
        nearest);
  }
}
