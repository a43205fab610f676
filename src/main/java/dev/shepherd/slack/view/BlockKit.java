package dev.shepherd.slack.view;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.ContextBlockElement;
import com.slack.api.model.block.DividerBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import java.util.ArrayList;
import java.util.List;

/**
 * The blocks the views are made of, each clipped to Slack's limits as it is made, so a view cannot
 * build a block Slack rejects however long the runbook's text.
 */
final class BlockKit {
  private BlockKit() {}

  static HeaderBlock header(String plainText) {
    return HeaderBlock.builder()
        .text(plain(TextClips.clipPlain(plainText, Limits.HEADER_TEXT)))
        .build();
  }

  /** One section of mrkdwn, clipped to {@value Limits#SECTION_TEXT} characters. */
  static SectionBlock section(String mrkdwn) {
    return SectionBlock.builder().text(mrkdwn(TextClips.clip(mrkdwn, Limits.SECTION_TEXT))).build();
  }

  /** As many sections as the text needs, cut at line boundaries with fences kept balanced. */
  static List<LayoutBlock> sections(String mrkdwn) {
    List<LayoutBlock> blocks = new ArrayList<>();
    for (String piece : TextChunks.split(mrkdwn, Limits.SECTION_TEXT)) {
      blocks.add(section(piece));
    }
    return blocks;
  }

  /** A section of two-column fields; at most {@value Limits#MAX_FIELDS}, each clipped. */
  static SectionBlock fields(List<String> mrkdwnFields) {
    List<TextObject> fields = new ArrayList<>();
    for (String field : mrkdwnFields.subList(0, Math.min(mrkdwnFields.size(), Limits.MAX_FIELDS))) {
      fields.add(mrkdwn(TextClips.clip(field, Limits.FIELD_TEXT)));
    }
    return SectionBlock.builder().fields(fields).build();
  }

  /**
   * A context line of mrkdwn elements; blanks are dropped, at most {@value
   * Limits#CONTEXT_ELEMENTS}.
   */
  static ContextBlock context(List<String> mrkdwnElements) {
    List<ContextBlockElement> elements = new ArrayList<>();
    for (String element : mrkdwnElements) {
      if (!element.isBlank() && elements.size() < Limits.CONTEXT_ELEMENTS) {
        elements.add(mrkdwn(TextClips.clip(element, Limits.CONTEXT_TEXT)));
      }
    }
    if (elements.isEmpty()) {
      elements.add(mrkdwn("—")); // Slack rejects a context without elements
    }
    return ContextBlock.builder().elements(elements).build();
  }

  static ContextBlock context(String... mrkdwnElements) {
    return context(List.of(mrkdwnElements));
  }

  static DividerBlock divider() {
    return DividerBlock.builder().build();
  }

  static ActionsBlock actions(List<ButtonElement> buttons) {
    return ActionsBlock.builder().elements(new ArrayList<BlockElement>(buttons)).build();
  }

  static MarkdownTextObject mrkdwn(String text) {
    return MarkdownTextObject.builder().text(text).build();
  }

  static PlainTextObject plain(String text) {
    return PlainTextObject.builder().text(text).emoji(true).build();
  }
}
