package dev.shepherd.sandbox;

/** Slack's escaping of text put into mrkdwn: {@code &}, {@code <} and {@code >}. */
final class Escaping {
  private Escaping() {}

  static String mrkdwn(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
