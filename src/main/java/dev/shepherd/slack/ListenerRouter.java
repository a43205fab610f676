package dev.shepherd.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.handler.BoltEventHandler;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.handler.builtin.GlobalShortcutHandler;
import com.slack.api.bolt.handler.builtin.MessageShortcutHandler;
import com.slack.api.bolt.handler.builtin.SlashCommandHandler;
import com.slack.api.bolt.handler.builtin.ViewClosedHandler;
import com.slack.api.bolt.handler.builtin.ViewSubmissionHandler;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.BlockSuggestionRequest;
import com.slack.api.bolt.request.builtin.EventRequest;
import com.slack.api.bolt.request.builtin.GlobalShortcutRequest;
import com.slack.api.bolt.request.builtin.MessageShortcutRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.request.builtin.ViewClosedRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.model.event.Event;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Shepherd's listeners, registered with Bolt through here so that {@link UnownedRequestMiddleware}
 * knows which requests some listener will take: Bolt answers any other one 404 with a long WARN,
 * and Slack shows the user an error for it. Register every listener here, never on the {@link App}.
 */
final class ListenerRouter {
  private record Route(RequestType type, Pattern key) {}

  private record Click(Pattern actionId, BlockActionHandler handler) {}

  private final App app;
  private final List<Route> routes = new CopyOnWriteArrayList<>();
  private final List<Click> clicks = new CopyOnWriteArrayList<>();

  ListenerRouter(App app) {
    this.app = app;
  }

  void command(String command, SlashCommandHandler handler) {
    own(RequestType.Command, Pattern.compile(Pattern.quote(command)));
    app.command(command, handler);
  }

  /**
   * A click listener for the action ids the pattern matches in full. Clicks go to the first
   * listener registered whose pattern matches, in the order they were registered, so a catch-all
   * registered last takes only what the others leave (Bolt's own choice among several matching
   * patterns is not one to rely on).
   */
  void blockAction(Pattern actionId, BlockActionHandler handler) {
    own(RequestType.BlockAction, actionId);
    boolean first = clicks.isEmpty();
    clicks.add(new Click(actionId, handler));
    if (first) {
      app.blockAction(Pattern.compile(".+"), this::click);
    }
  }

  private com.slack.api.bolt.response.Response click(
      BlockActionRequest request, com.slack.api.bolt.context.builtin.ActionContext context)
      throws IOException, com.slack.api.methods.SlackApiException {
    String actionId = key(request).orElse("");
    for (Click click : clicks) {
      if (click.actionId().matcher(actionId).matches()) {
        return click.handler().apply(request, context);
      }
    }
    // Unreachable past UnownedRequests, which acks a click no pattern owns.
    return context.ack();
  }

  void viewSubmission(String callbackId, ViewSubmissionHandler handler) {
    own(RequestType.ViewSubmission, Pattern.compile(Pattern.quote(callbackId)));
    app.viewSubmission(callbackId, handler);
  }

  void viewClosed(String callbackId, ViewClosedHandler handler) {
    own(RequestType.ViewClosed, Pattern.compile(Pattern.quote(callbackId)));
    app.viewClosed(callbackId, handler);
  }

  void globalShortcut(String callbackId, GlobalShortcutHandler handler) {
    own(RequestType.GlobalShortcut, Pattern.compile(Pattern.quote(callbackId)));
    app.globalShortcut(callbackId, handler);
  }

  void messageShortcut(String callbackId, MessageShortcutHandler handler) {
    own(RequestType.MessageShortcut, Pattern.compile(Pattern.quote(callbackId)));
    app.messageShortcut(callbackId, handler);
  }

  /** An Events API listener; Bolt matches {@code type} or {@code type:subtype}. */
  <E extends Event> void event(Class<E> type, String typeAndSubtype, BoltEventHandler<E> handler) {
    own(RequestType.Event, Pattern.compile(Pattern.quote(typeAndSubtype)));
    app.event(type, handler);
  }

  private void own(RequestType type, Pattern key) {
    routes.add(new Route(type, key));
  }

  /** Whether a listener registered here takes this request (Bolt answers the rest itself). */
  boolean owns(Request<?> request) {
    RequestType type = request.getRequestType();
    if (type == RequestType.UrlVerification || type == RequestType.SSLCheck) {
      return true;
    }
    Optional<String> key = key(request);
    return key.isPresent()
        && routes.stream().anyMatch(r -> r.type() == type && r.key().matcher(key.get()).matches());
  }

  /** What Bolt matches a listener against, for the request types Shepherd listens to. */
  private static Optional<String> key(Request<?> request) {
    if (request instanceof SlashCommandRequest r) {
      return Optional.ofNullable(r.getPayload().getCommand());
    }
    if (request instanceof BlockActionRequest r) {
      var actions = r.getPayload().getActions();
      return actions == null || actions.isEmpty()
          ? Optional.empty()
          : Optional.ofNullable(actions.get(0).getActionId());
    }
    if (request instanceof BlockSuggestionRequest r) {
      return Optional.ofNullable(r.getPayload().getActionId());
    }
    if (request instanceof ViewSubmissionRequest r) {
      return Optional.ofNullable(r.getPayload().getView()).map(v -> v.getCallbackId());
    }
    if (request instanceof ViewClosedRequest r) {
      return Optional.ofNullable(r.getPayload().getView()).map(v -> v.getCallbackId());
    }
    if (request instanceof GlobalShortcutRequest r) {
      return Optional.ofNullable(r.getPayload().getCallbackId());
    }
    if (request instanceof MessageShortcutRequest r) {
      return Optional.ofNullable(r.getPayload().getCallbackId());
    }
    if (request instanceof EventRequest r) {
      return Optional.ofNullable(r.getEventTypeAndSubtype());
    }
    return Optional.empty();
  }
}
