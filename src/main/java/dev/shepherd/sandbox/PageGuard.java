package dev.shepherd.sandbox;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Who may use the page's API: a request that names this machine (its {@code Host}, and its {@code
 * Origin} when a browser sends one) and carries this run's token, which only the printed link
 * holds. A page of another site whose name was rebound to 127.0.0.1 names itself, not this machine,
 * and cannot read the token: it is refused.
 */
final class PageGuard {
  /** The header the page sends the token in (a page of another origin cannot set it unasked). */
  static final String TOKEN_HEADER = "X-Sandbox-Token";

  private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");

  private final byte[] token;
  private final Set<String> names;
  private final boolean anyName;

  /**
   * @param host what the sandbox listens on: a loopback address, or one {@code --host} widened it
   *     to (a wildcard one accepts any name, and then only the token guards the API)
   */
  PageGuard(String token, String host) {
    this.token = token.getBytes(StandardCharsets.UTF_8);
    this.anyName = Sandbox.isWildcard(host);
    String own = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    Set<String> known = new HashSet<>(LOOPBACK_NAMES);
    known.add(own.toLowerCase(Locale.ROOT));
    this.names = Set.copyOf(known);
  }

  /** Why the request is refused, if it is. */
  Optional<String> refusal(HttpServletRequest request) {
    String host = hostName(String.valueOf(request.getHeader("Host")));
    if (!anyName && !names.contains(host)) {
      return Optional.of(host + " is not this machine: the sandbox answers only " + allowed());
    }
    String origin = request.getHeader("Origin");
    if (origin != null) {
      Optional<String> from = originHost(origin);
      if (from.isEmpty() || !(anyName ? from.get().equals(host) : names.contains(from.get()))) {
        return Optional.of("a page of another site (" + origin + ") may not use the sandbox");
      }
    }
    String given = request.getHeader(TOKEN_HEADER);
    if (given == null || !MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
      return Optional.of(
          "this request lacks the sandbox's token: open the link shepherd sandbox printed");
    }
    return Optional.empty();
  }

  private String allowed() {
    return names.equals(LOOPBACK_NAMES)
        ? "localhost, 127.0.0.1 and [::1]"
        : "localhost, 127.0.0.1, [::1] and the --host it was given";
  }

  /** The name in a {@code Host} header, without its port, in lower case. */
  private static String hostName(String header) {
    String value = header.strip().toLowerCase(Locale.ROOT);
    if (value.startsWith("[")) {
      int end = value.indexOf(']');
      return end < 0 ? value : value.substring(0, end + 1);
    }
    int colon = value.indexOf(':');
    return colon < 0 ? value : value.substring(0, colon);
  }

  private static Optional<String> originHost(String origin) {
    try {
      URI uri = new URI(origin);
      if (uri.getHost() == null || !"http".equalsIgnoreCase(uri.getScheme())) {
        return Optional.empty();
      }
      return Optional.of(uri.getHost().toLowerCase(Locale.ROOT));
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }
}
