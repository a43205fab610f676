package dev.shepherd.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.ChainLink;
import dev.shepherd.audit.Evidence;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutRecord;
import dev.shepherd.rollout.StepRun;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The record as JSON, in the shape docs/guides/the-record.md documents (schema version 1). */
final class JsonExport {
  static final int SCHEMA_VERSION = 1;
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonExport() {}

  static String write(List<RolloutRecord> records) {
    ObjectNode root = JSON.createObjectNode();
    root.put("schemaVersion", SCHEMA_VERSION);
    ArrayNode rollouts = root.putArray("rollouts");
    records.forEach(record -> rollout(rollouts.addObject(), record));
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain values always writes", e);
    }
  }

  private static void rollout(ObjectNode node, RolloutRecord record) {
    Rollout rollout = record.rollout();
    node.put("id", rollout.id());
    ObjectNode runbook = node.putObject("runbook");
    runbook.put("id", rollout.runbook().id());
    runbook.put("title", rollout.runbook().title());
    runbook.put("path", rollout.runbook().path());
    ObjectNode revision = runbook.putObject("revision");
    revision.put("kind", rollout.runbook().revision().kind().name().toLowerCase(Locale.ROOT));
    revision.put("id", rollout.runbook().revision().id());
    node.put("partition", rollout.partition());
    node.put("operator", rollout.operator());
    node.put("state", rollout.state().label());
    node.put("createdAt", Stamps.iso(rollout.createdAt()));
    time(node, "startedAt", rollout.startedAt());
    time(node, "endedAt", rollout.endedAt());
    if (record.duration().isPresent()) {
      node.put("durationSeconds", record.duration().get().getSeconds());
    } else {
      node.putNull("durationSeconds");
    }
    ArrayNode approvers = node.putArray("approvers");
    rollout.approvers().forEach(approvers::add);
    node.put("approvalsNeeded", rollout.approvalsNeeded());
    if (rollout.override().isPresent()) {
      ObjectNode override = node.putObject("override");
      override.put("by", rollout.override().get().by());
      override.put("reason", rollout.override().get().reason());
    } else {
      node.putNull("override");
    }
    ArrayNode warnings = node.putArray("warnings");
    rollout.warnings().forEach(warnings::add);
    steps(node.putArray("steps"), record.steps());
    steps(node.putArray("rollbackSteps"), record.rollbackSteps());
    ArrayNode acks = node.putArray("acknowledgements");
    record.trail().forEach(link -> acknowledgement(acks.addObject(), link, record));
  }

  private static void steps(ArrayNode array, List<RolloutRecord.StepRecord> steps) {
    for (RolloutRecord.StepRecord step : steps) {
      StepRun run = step.run();
      ObjectNode node = array.addObject();
      node.put("phase", run.phase().label());
      node.put("position", run.position());
      node.put("runbookStep", run.runbookStep());
      node.put("title", run.title());
      node.put("state", run.state().label());
      text(node, "by", run.finishedBy());
      time(node, "at", run.finishedAt());
      text(node, "reason", run.reason());
      ArrayNode approvals = node.putArray("approvals");
      step.approvals()
          .forEach(
              a -> {
                ObjectNode approval =
                    approvals.addObject().put("by", a.user()).put("at", Stamps.iso(a.at()));
                a.drawn().ifPresent(d -> approval.put("drawn", d));
              });
      ArrayNode failures = node.putArray("failures");
      step.failures()
          .forEach(
              f ->
                  failures
                      .addObject()
                      .put("by", f.user())
                      .put("at", Stamps.iso(f.at()))
                      .put("symptom", f.detail()));
      ArrayNode symptoms = node.putArray("symptoms");
      for (Acknowledgement symptom : step.symptoms()) {
        ObjectNode n =
            symptoms
                .addObject()
                .put("by", symptom.user())
                .put("at", Stamps.iso(symptom.at()))
                .put("text", symptom.detail());
        evidence(n.putArray("evidence"), symptom.evidence());
      }
      ArrayNode notes = node.putArray("notes");
      for (Acknowledgement note : step.notes()) {
        ObjectNode n =
            notes
                .addObject()
                .put("by", note.user())
                .put("at", Stamps.iso(note.at()))
                .put("text", note.detail());
        evidence(n.putArray("evidence"), note.evidence());
      }
    }
  }

  private static void acknowledgement(ObjectNode node, ChainLink link, RolloutRecord record) {
    Acknowledgement ack = link.acknowledgement();
    node.put("id", ack.id());
    node.put("at", Stamps.iso(ack.at()));
    node.put("user", ack.user());
    node.put("action", ack.action().label());
    text(node, "phase", ack.phase().map(p -> p.label()));
    if (ack.position().isPresent()) {
      node.put("position", ack.position().get());
    } else {
      node.putNull("position");
    }
    node.put("accepted", ack.accepted());
    node.put("detail", ack.detail());
    evidence(node.putArray("evidence"), ack.evidence());
    // A redacted note: its detail is the redaction's words, its hash still the stored row's.
    record.redaction(ack).ifPresent(r -> node.put("redactedBy", r.id()));
    if (link.link().isPresent()) {
      ChainLink.Link l = link.link().get();
      node.putObject("chain")
          .put("key", l.chainKey())
          .put("seq", l.seq())
          .put("previousHash", l.previousHash())
          .put("hash", l.hash());
    } else {
      node.putNull("chain");
    }
  }

  private static void evidence(ArrayNode array, List<Evidence> evidence) {
    evidence.forEach(
        e ->
            array
                .addObject()
                .put("kind", e.kind().name().toLowerCase(Locale.ROOT))
                .put("name", e.name())
                .put("url", e.url()));
  }

  private static void time(ObjectNode node, String name, Optional<Instant> at) {
    if (at.isPresent()) {
      node.put(name, Stamps.iso(at.get()));
    } else {
      node.putNull(name);
    }
  }

  private static void text(ObjectNode node, String name, Optional<String> text) {
    if (text.isPresent()) {
      node.put(name, text.get());
    } else {
      node.putNull(name);
    }
  }
}
