package dev.shepherd.slack.view;

import com.slack.api.model.block.LayoutBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays blocks out over as few messages as Slack's 50-block limit allows: the head opens the first
 * message, the tail (approvals, buttons) closes the last one, and each further message opens with a
 * line saying what it continues. Past {@value Limits#MAX_MESSAGES} messages the body is cut, ending
 * with a pointer to where the rest can be read.
 */
final class Pages {
  private Pages() {}

  /**
   * @param fallback the messages' text; later parts say which part they are
   * @param continued what a further message continues, as mrkdwn ({@code *Step 2: Deploy*})
   * @param overflow mrkdwn pointing at where the rest can be read, when the body had to be cut
   */
  static List<SlackMessage> of(
      List<LayoutBlock> head,
      List<LayoutBlock> body,
      List<LayoutBlock> tail,
      String fallback,
      String continued,
      String overflow) {
    int max = Limits.MAX_BLOCKS;
    int room = (max - head.size()) + (Limits.MAX_MESSAGES - 1) * (max - 1) - tail.size();
    List<LayoutBlock> kept = body;
    if (body.size() > room) {
      kept = new ArrayList<>(body.subList(0, room - 1));
      kept.add(
          BlockKit.context(
              ":scissors: "
                  + (body.size() - room + 1)
                  + " more blocks not shown here: read the rest in "
                  + overflow));
    }
    List<List<LayoutBlock>> pages = new ArrayList<>();
    List<LayoutBlock> page = new ArrayList<>(head);
    for (LayoutBlock block : kept) {
      if (page.size() == max) {
        pages.add(page);
        page = new ArrayList<>();
        page.add(null); // the "continued" line, once the number of parts is known
      }
      page.add(block);
    }
    if (page.size() + tail.size() > max) {
      pages.add(page);
      page = new ArrayList<>();
      page.add(null);
    }
    page.addAll(tail);
    pages.add(page);

    int parts = pages.size();
    List<SlackMessage> messages = new ArrayList<>();
    for (int i = 0; i < parts; i++) {
      List<LayoutBlock> blocks = pages.get(i);
      String part = "part " + (i + 1) + " of " + parts;
      if (i > 0) {
        blocks.set(0, BlockKit.context(":arrow_down: continued: " + continued + " (" + part + ")"));
      }
      String text = parts == 1 ? fallback : fallback + " (" + part + ")";
      messages.add(new SlackMessage(TextClips.clip(text, Limits.FALLBACK_TEXT), blocks));
    }
    return messages;
  }

  /** One message at most: the body is cut to fit between head and tail, ending with a pointer. */
  static SlackMessage single(
      List<LayoutBlock> head,
      List<LayoutBlock> body,
      List<LayoutBlock> tail,
      String fallback,
      String overflow) {
    int room = Limits.MAX_BLOCKS - head.size() - tail.size();
    List<LayoutBlock> blocks = new ArrayList<>(head);
    if (body.size() <= room) {
      blocks.addAll(body);
    } else {
      blocks.addAll(body.subList(0, room - 1));
      blocks.add(
          BlockKit.context(
              ":scissors: "
                  + (body.size() - room + 1)
                  + " more blocks not shown here: see "
                  + overflow));
    }
    blocks.addAll(tail);
    return new SlackMessage(TextClips.clip(fallback, Limits.FALLBACK_TEXT), blocks);
  }
}
