package dev.shepherd.slack;

/** Links to Slack messages. */
final class Threads {
  private Threads() {}

  /** A link that opens a message (a thread's root) in any workspace the reader belongs to. */
  static String link(String channel, String ts) {
    return "https://slack.com/archives/" + channel + "/p" + ts.replace(".", "");
  }
}
