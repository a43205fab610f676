package dev.shepherd.slack.posting;

/** Links to Slack messages. */
public final class MessageLinks {
  private MessageLinks() {}

  /** A link that opens a message (a thread's root) in any workspace the reader belongs to. */
  public static String link(String channel, String ts) {
    return "https://slack.com/archives/" + channel + "/p" + ts.replace(".", "");
  }
}
