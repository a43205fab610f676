package dev.shepherd.slack.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.request.builtin.EventRequest;
import com.slack.api.bolt.response.Response;
import dev.shepherd.audit.Evidence;
import dev.shepherd.format.LogLines;
import dev.shepherd.rollout.NoteRequest;
import dev.shepherd.rollout.Outcome;
import dev.shepherd.rollout.engine.RolloutService;
import dev.shepherd.slack.posting.SyncWorker;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code message} event, whatever its subtype, after the signature check: a person's reply in
 * a rollout's thread is evidence on its current step; everything else (the bot's own posts, edits,
 * deletions, joins, messages outside any rollout thread) is acked and dropped without a log line. A
 * retry ({@code X-Slack-Retry-Num}) carries the same message ts, and the note's key is that ts: it
 * is recorded once. A middleware rather than a listener because Bolt keys listeners by subtype and
 * logs a warning for each subtype nobody listens to.
 */
public final class ThreadReplyMiddleware implements Middleware {
  private static final Logger log = LoggerFactory.getLogger(ThreadReplyMiddleware.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Subtypes that are still a person's message: a shared file, a reply also sent to the channel.
   */
  private static final List<String> PERSON = List.of("", "file_share", "thread_broadcast");

  private final RolloutService rollouts;
  private final SyncWorker worker;

  public ThreadReplyMiddleware(RolloutService rollouts, SyncWorker worker) {
    this.rollouts = rollouts;
    this.worker = worker;
  }

  @Override
  public Response apply(Request request, Response response, MiddlewareChain chain)
      throws Exception {
    if (request.getRequestType() != RequestType.Event
        || !"message".equals(((EventRequest) request).getEventType())) {
      return chain.next(request);
    }
    reply(request).ifPresent(this::record);
    return Response.ok();
  }

  private void record(Reply reply) {
    Optional<Outcome> outcome = rollouts.reply(reply.channel(), reply.threadTs(), reply.draft());
    if (outcome.isEmpty()) {
      return;
    }
    log.info(
        "rollout thread {}: reply {} by {}: {}",
        LogLines.escaped(reply.threadTs()),
        LogLines.escaped(reply.draft().idempotencyKey()),
        LogLines.escaped(reply.draft().user()),
        outcome.get().getClass().getSimpleName());
    if (outcome.get() instanceof Outcome.Accepted) {
      outcome.get().rollout().ifPresent(r -> worker.sync(r.id()));
    }
  }

  private record Reply(String channel, String threadTs, NoteRequest.Draft draft) {}

  /** The reply a message event holds, if it is a person's reply in some thread. */
  private static Optional<Reply> reply(Request request) throws IOException {
    JsonNode envelope = JSON.readTree(request.getRequestBodyAsString());
    JsonNode event = envelope.path("event");
    String subtype = event.path("subtype").asText("");
    String user = event.path("user").asText("");
    String ts = event.path("ts").asText("");
    String threadTs = event.path("thread_ts").asText("");
    String botUser = request.getContext().getBotUserId();
    if (!PERSON.contains(subtype)
        || event.hasNonNull("bot_id")
        || user.isEmpty()
        || user.equals(botUser)
        || threadTs.isEmpty()
        || threadTs.equals(ts)) {
      return Optional.empty();
    }
    String text = event.path("text").asText("");
    List<Evidence> evidence = new ArrayList<>(SlackText.links(text));
    for (JsonNode file : event.path("files")) {
      String permalink = file.path("permalink").asText("");
      if (!permalink.isEmpty()) {
        evidence.add(
            Evidence.file(file.path("name").asText(file.path("title").asText("file")), permalink));
      }
    }
    String channel = event.path("channel").asText("");
    // In a shared channel the envelope is the installing workspace's and the event names the
    // author's own workspace (user_team, else team): a guest's reply is not the rollout's own.
    String authorTeam = event.path("user_team").asText(event.path("team").asText(""));
    boolean fromAnotherTeam =
        !authorTeam.isEmpty() && !authorTeam.equals(envelope.path("team_id").asText(""));
    return Optional.of(
        new Reply(
            channel,
            threadTs,
            new NoteRequest.Draft(
                user,
                SlackText.plain(text),
                evidence,
                NoteRequest.replyKey(channel, ts),
                fromAnotherTeam)));
  }
}
