package dev.shepherd.slack;

import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.middleware.MiddlewareOps;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.response.auth.AuthTestResponse;
import dev.shepherd.format.LogLines;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses every request whose team, organization or app is not the installation's: a signed request
 * is only proof that it came through Slack, not that it came from the workspace Shepherd was
 * installed in (another workspace's install of an app with the same secret, an org-wide app, a test
 * app sharing a signing secret). A refused command gets an ephemeral answer saying so; every other
 * refused request a 200 with nothing done, so Slack shows no error and retries nothing.
 */
final class TeamCheckMiddleware implements Middleware {
  private static final Logger log = LoggerFactory.getLogger(TeamCheckMiddleware.class);

  static final String REFUSED =
      "Shepherd is installed for another Slack workspace or app: this request was not taken.";

  private final Installation installation;
  private final Supplier<Optional<AuthTestResponse>> identity;

  /**
   * @param identity the bot token's {@code auth.test} answer, once known
   */
  TeamCheckMiddleware(Installation installation, Supplier<Optional<AuthTestResponse>> identity) {
    this.installation = installation;
    this.identity = identity;
  }

  @Override
  public Response apply(Request request, Response response, MiddlewareChain chain)
      throws Exception {
    if (MiddlewareOps.isNoAuthRequiredRequest(request.getRequestType())) {
      return chain.next(request);
    }
    RequestOrigin origin = RequestOrigin.of(request.getRequestBodyAsString());
    Optional<String> problem = problem(origin);
    if (problem.isEmpty()) {
      return chain.next(request);
    }
    log.warn(
        "refused a {} request: {} (team {}, enterprise {}, app {})",
        request.getRequestType(),
        problem.get(),
        LogLines.escaped(origin.team().orElse("none")),
        LogLines.escaped(origin.enterprise().orElse("none")),
        LogLines.escaped(origin.app().orElse("none")));
    if (request.getRequestType() == RequestType.Command) {
      return Response.json(200, Map.of("response_type", "ephemeral", "text", REFUSED));
    }
    return Response.builder().statusCode(200).body("").build();
  }

  /** Why the request is not the installation's, if it is not. */
  private Optional<String> problem(RequestOrigin origin) {
    Optional<AuthTestResponse> known = identity.get();
    Optional<String> team = installation.team().or(() -> known.map(AuthTestResponse::getTeamId));
    Optional<String> enterprise = known.map(AuthTestResponse::getEnterpriseId);
    if (team.isEmpty()) {
      return Optional.of("the installation's team is not known yet (auth.test has not answered)");
    }
    // In an organization, an org-wide install's requests name the organization and may name no
    // workspace (team null); a user may also be named by the organization's id.
    boolean teamMatches =
        origin.team().equals(team)
            || (enterprise.isPresent()
                && (origin.team().equals(enterprise)
                    || (origin.team().isEmpty() && origin.enterprise().equals(enterprise))));
    if (!teamMatches) {
      return Optional.of("not from the installation's team " + team.get());
    }
    if (enterprise.isPresent()
        && origin.enterprise().isPresent()
        && !origin.enterprise().equals(enterprise)) {
      return Optional.of("not from the installation's organization " + enterprise.get());
    }
    if (enterprise.isEmpty() && origin.enterprise().isPresent()) {
      return Optional.of("from an organization, while the installation is in none");
    }
    // A shortcut's payload names no app; its signature and its team still have to be ours.
    if (installation.app().isPresent()
        && !origin.appUnsaid()
        && !origin.app().equals(installation.app())) {
      return Optional.of("not addressed to app " + installation.app().get());
    }
    return Optional.empty();
  }
}
