package dev.shepherd.slack;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.shepherd.export.ExportFormat;
import dev.shepherd.rollout.Records;
import dev.shepherd.rollout.RolloutRecord;
import dev.shepherd.slack.view.ButtonValue;
import dev.shepherd.slack.view.SlackMessage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Export record on the summary: the rollout's Markdown change record, shared in its thread as a
 * file (files.getUploadURLExternal, then files.completeUploadExternal), so a reviewer downloads
 * exactly what {@code shepherd audit export} prints. Where the app lacks {@code files:write},
 * the record goes in the thread as a message instead, cut where Slack's limits cut it, with the
 * command that prints it whole. Anyone who can see the summary can export: the record holds what
 * the channel already saw. A click Slack delivers twice is exported once.
 */
final class ExportButton implements BlockActionHandler {
  private static final Logger log = LoggerFactory.getLogger(ExportButton.class);
  /** Slack's limit for a section's text. */
  private static final int SNIPPET = 2600;

  private final Records records;
  private final SyncWorker worker;
  private final ChatGateway slack;
  private final Set<String> exported = Collections.newSetFromMap(new LinkedHashMap<>(64, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > 1000;
    }
  });

  ExportButton(Records records, SyncWorker worker, ChatGateway slack) {
    this.records = records;
    this.worker = worker;
    this.slack = slack;
  }

  @Override
  public Response apply(BlockActionRequest request, ActionContext context) {
    var payload = request.getPayload();
    var clicked = payload.getActions().get(0);
    Optional<ButtonValue.Parsed> target = ButtonValue.parse(clicked.getValue());
    if (target.isEmpty()) {
      return Response.builder().statusCode(400).body("unknown action").build();
    }
    String key = clicked.getActionTs() + ":" + payload.getUser().getId();
    boolean first;
    synchronized (exported) {
      first = exported.add(key);
    }
    if (first) {
      String user = payload.getUser().getId();
      worker.runNow(() -> export(target.get().rolloutId(), user));
    }
    return context.ack();
  }

  private void export(String rolloutId, String user) {
    Optional<RolloutRecord> record = records.of(rolloutId);
    if (record.isEmpty() || record.get().rollout().thread().threadId().isEmpty()) {
      log.warn("rollout {}: nothing to export for {}: no such rollout, or it has no thread", rolloutId, user);
      return;
    }
    var rollout = record.get().rollout();
    String channel = rollout.thread().channel();
    String thread = rollout.thread().threadId().get();
    String markdown = ExportFormat.MARKDOWN.write(List.of(record.get()));
    String name = rollout.runbook().id() + "-" + rollout.partition() + "-" + rollout.id() + ".md";
    String comment = "Change record of this rollout, exported by <@" + user + ">";
    try {
      slack.upload(channel, thread, name, "Change record: " + rollout.runbook().title(), markdown, comment);
      log.info("rollout {}: record exported to its thread by {}", rolloutId, user);
    } catch (ChatGateway.SlackCallFailed e) {
      if (!e.cannotShareFiles()) {
        log.warn("rollout {}: could not export the record for {}: {}", rolloutId, user, e.getMessage());
        return;
      }
      snippet(rolloutId, channel, thread, markdown, comment);
    }
  }

  private void snippet(String rolloutId, String channel, String thread, String markdown, String comment) {
    String shown = markdown.length() <= SNIPPET ? markdown : markdown.substring(0, SNIPPET) + "\n…";
    String text = comment + " (the app lacks files:write, so as text; whole with `shepherd audit export "
        + rolloutId + "`):\n```" + shown.replace("```", "'''") + "```";
    try {
      slack.post(channel, Optional.of(thread), SlackMessage.ofText(text),
          new ChatGateway.MessageKey(rolloutId, "record-export"));
    } catch (ChatGateway.SlackCallFailed e) {
      log.warn("rollout {}: could not post the record in its thread: {}", rolloutId, e.getMessage());
    }
  }
}
