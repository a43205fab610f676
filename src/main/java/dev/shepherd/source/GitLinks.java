package dev.shepherd.source;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where a team opens the pull request for a pushed branch, on the hosts whose links are known. */
final class GitLinks {
  /**
   * {@code https://host/path}, {@code ssh://git@host/path}, {@code git@host:path}, with or without
   * {@code .git}.
   */
  private static final Pattern REMOTE =
      Pattern.compile(
          "^(?:(?:https?|ssh|git)://(?:[^@/]+@)?([^/:]+)(?::\\d+)?/|[^@/]+@([^:/]+):)(.+?)(?:\\.git)?/?$");

  private GitLinks() {}

  static String of(GitUrl url, String tracked, String branch) {
    Optional<String[]> hostAndPath = hostAndPath(url.remote());
    if (hostAndPath.isPresent()) {
      String host = hostAndPath.get()[0];
      String path = hostAndPath.get()[1];
      if (host.equals("github.com")) {
        return "https://github.com/" + path + "/compare/" + tracked + "..." + branch + "?expand=1";
      }
      if (host.equals("gitlab.com") || host.startsWith("gitlab.")) {
        return "https://"
            + host
            + "/"
            + path
            + "/-/merge_requests/new?merge_request%5Bsource_branch%5D="
            + encode(branch)
            + "&merge_request%5Btarget_branch%5D="
            + encode(tracked);
      }
    }
    return url.display().replaceFirst("#.*$", "") + ", branch " + branch;
  }

  private static Optional<String[]> hostAndPath(String remote) {
    Matcher m = REMOTE.matcher(remote);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new String[] {m.group(1) != null ? m.group(1) : m.group(2), m.group(3)});
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
