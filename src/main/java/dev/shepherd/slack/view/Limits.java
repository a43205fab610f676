package dev.shepherd.slack.view;

/**
 * Slack's Block Kit limits that the views respect, as documented for the block and element
 * reference; Slack rejects a whole message ({@code invalid_blocks}) when one of them is passed.
 */
final class Limits {
  static final int MAX_BLOCKS = 50;
  static final int SECTION_TEXT = 3000;
  static final int FIELD_TEXT = 2000;
  static final int MAX_FIELDS = 10;
  static final int HEADER_TEXT = 150;
  static final int CONTEXT_ELEMENTS = 10;

  /** Slack documents no smaller bound for a context element's text than a text object's. */
  static final int CONTEXT_TEXT = 3000;

  static final int BUTTON_TEXT = 75;
  static final int BUTTON_VALUE = 2000;

  /** An option's text (a checkbox's label): 75, whatever the text object alone would allow. */
  static final int OPTION_TEXT = 75;

  /** Options in one checkboxes element. */
  static final int CHECKBOX_OPTIONS = 10;

  static final int CONFIRM_TITLE = 100;
  static final int CONFIRM_TEXT = 300;
  static final int CONFIRM_BUTTON = 30;

  /**
   * Our own bound for a message's fallback text: Slack cuts at 40,000; notifications far sooner.
   */
  static final int FALLBACK_TEXT = 500;

  /** How many messages one step may become before the rest is left to the runbook file. */
  static final int MAX_MESSAGES = 5;

  private Limits() {}
}
