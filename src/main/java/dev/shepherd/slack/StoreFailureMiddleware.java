package dev.shepherd.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.block.InputBlock;
import com.slack.api.model.block.LayoutBlock;
import dev.shepherd.rollout.StoreFailure;
import dev.shepherd.slack.posting.ChatGateway;
import dev.shepherd.slack.posting.EphemeralReplies;
import dev.shepherd.slack.posting.SyncWorker;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the database cannot record what someone did, tells that person at once, while Slack still
 * listens, and only them: nothing was recorded (or, when the commit's answer was lost, that it
 * could not be confirmed), and that trying again is safe. A slash command gets the words as its
 * answer, a click an ephemeral message after the ack, a modal an error under its field (it stays
 * open, with what was typed). An event gets 503, so that Slack delivers it again.
 */
final class StoreFailureMiddleware implements Middleware {
  private static final Logger log = LoggerFactory.getLogger(StoreFailureMiddleware.class);

  static final String NOT_RECORDED =
      ":warning: Nothing was recorded: Shepherd's database did not"
          + " answer in time. Try again in a moment.";
  static final String IN_DOUBT =
      ":warning: Shepherd could not confirm this was recorded: the"
          + " database stopped answering while saving it. Look at the thread; trying again is safe"
          + " (a click counts once).";

  private final SyncWorker worker;
  private final ChatGateway slack;

  StoreFailureMiddleware(SyncWorker worker, ChatGateway slack) {
    this.worker = worker;
    this.slack = slack;
  }

  @Override
  public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
    try {
      return chain.next(req);
    } catch (StoreFailure e) {
      log.warn(
          "{} not recorded{}: {}",
          req.getRequestType(),
          e.mayHaveBeenRecorded() ? " (or not confirmed)" : "",
          e.getMessage());
      return reply(req, e.mayHaveBeenRecorded() ? IN_DOUBT : NOT_RECORDED);
    }
  }

  private Response reply(Request<?> req, String text) {
    switch (req.getRequestType()) {
      case Command:
        return Response.json(200, Map.of("response_type", "ephemeral", "text", text));
      case BlockAction:
        tellClicker(((BlockActionRequest) req).getPayload(), text);
        return Response.ok();
      case ViewSubmission:
        return firstInput((ViewSubmissionRequest) req)
            .map(
                block ->
                    Response.json(
                        200, Map.of("response_action", "errors", "errors", Map.of(block, text))))
            .orElseGet(Response::ok);
      case Event:
        return Response.builder().statusCode(503).body("database unavailable").build();
      default:
        return Response.ok();
    }
  }

  private void tellClicker(BlockActionPayload payload, String text) {
    if (payload.getChannel() == null || payload.getUser() == null) {
      return;
    }
    Optional<String> thread =
        Optional.ofNullable(payload.getContainer())
            .map(c -> c.getThreadTs() != null ? c.getThreadTs() : c.getMessageTs());
    String channel = payload.getChannel().getId();
    String user = payload.getUser().getId();
    worker.runNow(() -> EphemeralReplies.ephemeral(slack, channel, user, thread, text));
  }

  private static Optional<String> firstInput(ViewSubmissionRequest req) {
    if (req.getPayload().getView() == null || req.getPayload().getView().getBlocks() == null) {
      return Optional.empty();
    }
    for (LayoutBlock block : req.getPayload().getView().getBlocks()) {
      if (block instanceof InputBlock input && input.getBlockId() != null) {
        return Optional.of(input.getBlockId());
      }
    }
    return Optional.empty();
  }
}
