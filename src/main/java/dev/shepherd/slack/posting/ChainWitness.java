package dev.shepherd.slack.posting;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.model.Message;
import dev.shepherd.audit.WitnessedHead;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Slack as a witness of the record: a summary's post carries its rollout's chain head in the
 * message metadata ({@code chain_seq}, {@code chain_head} beside the message key), and this reads
 * them back from each channel's history. The read is paced: {@code conversations.history} is a tier
 * 3 method (about 50 calls a minute), and only 1 a minute, 15 messages a page, for an app not
 * approved for the Slack Marketplace; a 429 is waited out as its {@code Retry-After} says.
 */
public final class ChainWitness {
  static final String SEQ = "chain_seq";
  static final String HEAD = "chain_head";
  private static final int ATTEMPTS = 5;

  private final MethodsClient client;
  private final Duration interval;
  private final int pageSize;
  private final Sleeper sleeper;
  private boolean first = true;
  private BotIdentity bot;
  private int foreign;

  /** How the reader waits between calls; the tests' is the real one, made short by the pace. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /**
   * @param interval the pause between two calls (1.2 s keeps within tier 3)
   * @param pageSize messages asked per call: at most 999 (15 for an app outside the Marketplace)
   */
  public ChainWitness(MethodsClient client, Duration interval, int pageSize, Sleeper sleeper) {
    this.client = Objects.requireNonNull(client, "client");
    this.interval = Objects.requireNonNull(interval, "interval");
    if (pageSize < 1 || pageSize > 999) {
      throw new IllegalArgumentException("a history page holds 1 to 999 messages, not " + pageSize);
    }
    this.pageSize = pageSize;
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /** The metadata payload a post carries: its key, and the head it witnesses if any. */
  static Map<String, Object> payload(ChatGateway.MessageKey key) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("rollout_id", key.rolloutId());
    payload.put("key", key.key());
    key.head()
        .ifPresent(
            head -> {
              payload.put(SEQ, head.seq());
              payload.put(HEAD, head.hash());
            });
    return payload;
  }

  /**
   * How many heads read so far were posted by someone other than this token's bot (a person,
   * another app, or Shepherd under another app than the token's): none of them is a witness.
   */
  public int foreign() {
    return foreign;
  }

  /** Every chain head Shepherd's posts in a channel carry, oldest first. */
  public List<WitnessedHead> read(String channel)
      throws ChatGateway.SlackCallFailed, InterruptedException {
    List<WitnessedHead> heads = new ArrayList<>();
    if (bot == null) {
      bot = BotIdentity.of(client);
    }
    Optional<String> cursor = Optional.empty();
    do {
      ConversationsHistoryResponse page = page(channel, cursor);
      for (Message message : page.getMessages() == null ? List.<Message>of() : page.getMessages()) {
        // A head someone else posted (a person, another app) witnesses nothing.
        Optional<WitnessedHead> head = witnessed(channel, message);
        if (head.isPresent() && bot.posted(message)) {
          heads.add(head.get());
        } else if (head.isPresent()) {
          foreign++;
        }
      }
      cursor =
          Optional.ofNullable(page.getResponseMetadata())
              .map(m -> m.getNextCursor())
              .filter(c -> !c.isBlank());
    } while (cursor.isPresent());
    Collections.reverse(heads);
    return heads;
  }

  private ConversationsHistoryResponse page(String channel, Optional<String> cursor)
      throws ChatGateway.SlackCallFailed, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      if (!first) {
        sleeper.sleep(interval);
      }
      first = false;
      try {
        ConversationsHistoryResponse page =
            client.conversationsHistory(
                r ->
                    r.channel(channel)
                        .includeAllMetadata(true)
                        .limit(pageSize)
                        .cursor(cursor.orElse(null)));
        if (!page.isOk()) {
          throw new ChatGateway.SlackCallFailed(
              "conversations.history of " + channel + " failed: " + page.getError(), null);
        }
        return page;
      } catch (SlackApiException e) {
        if (e.getResponse().code() != 429 || attempt == ATTEMPTS) {
          throw new ChatGateway.SlackCallFailed(
              "conversations.history of " + channel + " failed: HTTP " + e.getResponse().code(), e);
        }
        String after = e.getResponse().header("Retry-After", "30");
        sleeper.sleep(Duration.ofSeconds(Long.parseLong(after.strip())));
      } catch (IOException e) {
        throw new ChatGateway.SlackCallFailed(
            "conversations.history of " + channel + " failed: " + e.getMessage(), e);
      }
    }
  }

  private static Optional<WitnessedHead> witnessed(String channel, Message message) {
    Message.Metadata metadata = message.getMetadata();
    if (metadata == null
        || !ChatGateway.MessageKey.EVENT_TYPE.equals(metadata.getEventType())
        || metadata.getEventPayload() == null) {
      return Optional.empty();
    }
    Map<String, Object> payload = metadata.getEventPayload();
    Object rollout = payload.get("rollout_id");
    Object seq = payload.get(SEQ);
    Object head = payload.get(HEAD);
    if (!(rollout instanceof String id) || seq == null || !(head instanceof String hash)) {
      return Optional.empty();
    }
    long link;
    try {
      link = seq instanceof Number n ? n.longValue() : Long.parseLong(seq.toString());
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return Optional.of(
        new WitnessedHead(
            id, link, hash, "Slack's summary in " + channel + " at " + message.getTs()));
  }
}
