package dev.shepherd.slack;

import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.response.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acks, 200 with an empty body, every verified request no Shepherd listener takes: a link button's
 * click, a modal closed, a shortcut or event Shepherd does not use. Slack shows the user an error
 * for anything but a 200, and Bolt would answer 404 with an eight-line WARN. The last middleware,
 * so the signature is checked before.
 */
final class UnownedRequestMiddleware implements Middleware {
  private static final Logger log = LoggerFactory.getLogger(UnownedRequestMiddleware.class);

  private final ListenerRouter routes;

  UnownedRequestMiddleware(ListenerRouter routes) {
    this.routes = routes;
  }

  @Override
  public Response apply(Request request, Response response, MiddlewareChain chain)
      throws Exception {
    if (routes.owns(request)) {
      return chain.next(request);
    }
    log.debug("acked a {} request no listener takes", request.getRequestType());
    return Response.builder().statusCode(200).body("").build();
  }
}
