package dev.shepherd.slack.view;

import com.slack.api.model.block.LayoutBlock;
import java.util.List;
import java.util.Objects;

/**
 * One message to post: Block Kit blocks and the {@code text} Slack shows in notifications and reads
 * to screen readers. Both are checked here, so no view can return a message Slack rejects for its
 * block count or an empty fallback.
 *
 * @param text mrkdwn fallback, never blank
 * @param blocks at most {@value Limits#MAX_BLOCKS} blocks
 */
public record SlackMessage(String text, List<LayoutBlock> blocks) {
  public SlackMessage {
    Objects.requireNonNull(text, "text");
    if (text.isBlank()) {
      throw new IllegalArgumentException("a message needs a meaningful text fallback");
    }
    blocks = List.copyOf(blocks);
    if (blocks.size() > Limits.MAX_BLOCKS) {
      throw new IllegalArgumentException(
          "a message holds at most " + Limits.MAX_BLOCKS + " blocks, not " + blocks.size());
    }
  }

  /**
   * A message of one section of mrkdwn (at most a section's 3,000 characters), as its own fallback.
   */
  public static SlackMessage ofText(String mrkdwn) {
    return new SlackMessage(
        TextClips.clip(mrkdwn, Limits.SECTION_TEXT), List.of(BlockKit.section(mrkdwn)));
  }
}
