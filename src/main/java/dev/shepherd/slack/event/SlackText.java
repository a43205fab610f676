package dev.shepherd.slack.event;

import dev.shepherd.audit.Evidence;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A message's text as Slack sends it: links in angle brackets, and &amp;, &lt;, &gt; escaped. */
public final class SlackText {
  /**
   * {@code <https://x|label>} or {@code <https://x>} as Slack sends them; bare URLs as people type
   * them.
   */
  private static final Pattern LINK =
      Pattern.compile("<(https?://[^|>\\s]+)(?:\\|[^>]*)?>|(?<![<|])\\b(https?://[^\\s<>|]+)");

  private SlackText() {}

  /** Each distinct link in a text, in order. */
  public static List<Evidence> links(String text) {
    Set<String> urls = new LinkedHashSet<>();
    Matcher matcher = LINK.matcher(text == null ? "" : text);
    while (matcher.find()) {
      urls.add(unescape(matcher.group(1) != null ? matcher.group(1) : matcher.group(2)));
    }
    List<Evidence> links = new ArrayList<>();
    urls.forEach(url -> links.add(Evidence.link(url)));
    return links;
  }

  /** The text as its author wrote it: Slack's link markup read back, its escapes undone. */
  static String plain(String text) {
    String links =
        text.replaceAll("<(https?://[^|>]+)\\|([^>]*)>", "$2 ($1)")
            .replaceAll("<(https?://[^>]+)>", "$1")
            .replaceAll("<@([A-Z0-9]+)>", "@$1");
    return unescape(links);
  }

  private static String unescape(String text) {
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
  }
}
