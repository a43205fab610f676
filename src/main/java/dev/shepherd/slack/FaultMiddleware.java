package dev.shepherd.slack;

import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.response.Response;
import dev.shepherd.format.LogLines;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last word on any request a listener failed on (a payload with fields Slack left empty, a
 * fault of ours): Slack gets its 200, a slash command an answer, and the log the fault, never a 500
 * with a stack trace. A database failure is answered before this, by {@link
 * StoreFailureMiddleware}.
 */
final class FaultMiddleware implements Middleware {
  private static final Logger log = LoggerFactory.getLogger(FaultMiddleware.class);

  static final String FAILED =
      ":warning: Shepherd could not handle this request (the fault is logged). Look at the thread"
          + " before trying again.";

  @Override
  public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
    try {
      return chain.next(req);
    } catch (RuntimeException e) {
      // The exception's text may quote the request: escaped, and its trace only at debug.
      log.warn("{} failed: {}", req.getRequestType(), LogLines.escaped(e.toString()));
      log.debug("{} failed", req.getRequestType(), e);
      return switch (req.getRequestType()) {
        case Command -> Response.json(200, Map.of("response_type", "ephemeral", "text", FAILED));
        default -> Response.ok();
      };
    }
  }
}
