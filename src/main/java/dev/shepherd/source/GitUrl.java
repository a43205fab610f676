package dev.shepherd.source;

import java.net.URI;
import java.util.Optional;

/**
 * A git remote as written in config: {@code https://host/org/repo.git#main}, or with a folder of
 * the repository to read runbooks from: {@code https://host/org/infra.git#main:docs/runbooks}.
 */
public record GitUrl(String remote, Optional<String> ref, Optional<String> folder) {

  public GitUrl(String remote, Optional<String> ref) {
    this(remote, ref, Optional.empty());
  }

  public static boolean looksLikeGit(String spec) {
    return spec.startsWith("https://")
        || spec.startsWith("http://")
        || spec.startsWith("ssh://")
        || spec.startsWith("file://")
        || spec.startsWith("git@")
        || spec.startsWith("git://");
  }

  public static GitUrl parse(String spec) {
    int hash = spec.indexOf('#');
    if (hash < 0) {
      return new GitUrl(spec, Optional.empty());
    }
    String ref = spec.substring(hash + 1).strip();
    Optional<String> folder = Optional.empty();
    int colon = ref.indexOf(':');
    if (colon >= 0) {
      String path = ref.substring(colon + 1).strip().replace('\\', '/');
      while (path.startsWith("/")) {
        path = path.substring(1);
      }
      while (path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      folder = path.isEmpty() ? Optional.empty() : Optional.of(path);
      ref = ref.substring(0, colon).strip();
    }
    return new GitUrl(
        spec.substring(0, hash), ref.isEmpty() ? Optional.empty() : Optional.of(ref), folder);
  }

  /** The remote without any user or token in it, for messages and logs. */
  public String display() {
    String shown = remote;
    try {
      URI uri = URI.create(remote);
      if (uri.getUserInfo() != null) {
        shown = remote.replace(uri.getRawUserInfo() + "@", "");
      }
    } catch (IllegalArgumentException e) {
      // scp-like git@host:org/repo has no URI form and carries no secret
    }
    String fragment = ref.orElse("") + folder.map(f -> ":" + f).orElse("");
    return shown + (fragment.isEmpty() ? "" : "#" + fragment);
  }
}
