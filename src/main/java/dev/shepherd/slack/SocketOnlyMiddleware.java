package dev.shepherd.slack;

import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.response.Response;

/**
 * Without a signing secret (Socket Mode alone) nothing that arrives over HTTP can be verified:
 * refuse it, and take what the Socket Mode connection delivers (Slack authenticated it with the app
 * token).
 */
final class SocketOnlyMiddleware implements Middleware {
  @Override
  public Response apply(Request request, Response response, MiddlewareChain chain)
      throws Exception {
    if (request.isSocketMode()) {
      return chain.next(request);
    }
    return Response.builder()
        .statusCode(401)
        .body("HTTP requests need SLACK_SIGNING_SECRET")
        .build();
  }
}
