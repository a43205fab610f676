package dev.shepherd.rollout;

import dev.shepherd.partition.Choreography;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Partitions go in order: a runbook starts on partition k only after it completed on every
 * earlier one. An approver may override with a reason (recorded, and shown in the summary).
 */
final class ChoreographyRule implements StartRule {
  @Override
  public Optional<Refusal> check(StartContext context) {
    List<String> missing = missing(context);
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    StartRequest request = context.request();
    if (request.override().isPresent()) {
      if (context.approvers().contains(request.operator())) {
        return Optional.empty();
      }
      return Optional.of(new Refusal(Refusal.Reason.NOT_ALLOWED,
          "only an approver can override the choreography (approvers: " + mentions(context.approvers())
              + ")"));
    }
    return Optional.of(new Refusal(Refusal.Reason.CHOREOGRAPHY,
        request.runbookId() + " has not completed on " + String.join(", ", missing)
            + ", which come before " + context.partition().name() + " ("
            + String.join(" → ", context.order()) + "). Roll out there first, or an approver can"
            + " start anyway with --override \"reason\""));
  }

  static List<String> missing(StartContext context) {
    List<String> before = Choreography.before(context.partition().name(), context.order());
    Set<String> done = context.tx().completed(context.request().runbookId(), before).stream()
        .map(CompletedRun::partition).collect(Collectors.toSet());
    return before.stream().filter(p -> !done.contains(p)).toList();
  }

  static String mentions(Set<String> users) {
    return users.isEmpty() ? "none" : String.join(", ", users.stream().map(u -> "@" + u).toList());
  }
}
