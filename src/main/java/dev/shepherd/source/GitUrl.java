package dev.shepherd.source;

import java.net.URI;
import java.util.Optional;

/** A git remote as written in config: {@code https://host/org/repo.git#main}. */
public record GitUrl(String remote, Optional<String> ref) {

  public static boolean looksLikeGit(String spec) {
    return spec.startsWith("https://") || spec.startsWith("http://") || spec.startsWith("ssh://")
        || spec.startsWith("file://") || spec.startsWith("git@") || spec.startsWith("git://");
  }

  public static GitUrl parse(String spec) {
    int hash = spec.indexOf('#');
    if (hash < 0) {
      return new GitUrl(spec, Optional.empty());
    }
    String ref = spec.substring(hash + 1).strip();
    return new GitUrl(spec.substring(0, hash), ref.isEmpty() ? Optional.empty() : Optional.of(ref));
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
    return shown + ref.map(r -> "#" + r).orElse("");
  }
}
