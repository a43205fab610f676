package dev.shepherd.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.conversations.ConversationsInfoResponse;
import com.slack.api.methods.response.conversations.ConversationsMembersResponse;
import dev.shepherd.format.LogLines;
import dev.shepherd.rollout.ChannelAudience;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is in a channel, through {@code conversations.info} ({@code is_private}) and {@code
 * conversations.members} (every page), each channel's answer kept for a while: a Home tab opened by
 * many people asks Slack once per channel, not once per viewer. Needs {@code channels:read} and
 * {@code groups:read}; a private channel the bot is not in answers {@code channel_not_found}. What
 * cannot be read (a missing scope, Slack down) counts as private with no members: it shows nothing
 * and makes nobody an insider. Thread-safe.
 */
public final class SlackChannelDirectory implements ChannelAudience {
  private static final Logger log = LoggerFactory.getLogger(SlackChannelDirectory.class);

  /** Slack's largest page for conversations.members. */
  private static final int PAGE = 1000;

  private final MethodsClient client;
  private final Clock clock;
  private final Duration maxAge;
  private final Map<String, Channel> channels = new ConcurrentHashMap<>();

  /** A channel as Slack last described it; {@code members} empty when it could not be read. */
  private record Channel(boolean isPublic, Set<String> members, Instant at) {}

  SlackChannelDirectory(MethodsClient client, Clock clock, Duration maxAge) {
    this.client = client;
    this.clock = clock;
    this.maxAge = maxAge;
  }

  /**
   * @param maxAge how long a channel's privacy and members are trusted before Slack is asked again
   */
  public static SlackChannelDirectory connect(
      SlackSettings settings, Clock clock, Duration maxAge) {
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(settings.apiUrl());
    config.setPrettyResponseLoggingEnabled(false);
    return new SlackChannelDirectory(
        Slack.getInstance(config).methods(settings.botToken()), clock, maxAge);
  }

  @Override
  public boolean isMember(String channel, String user) {
    return channel(channel).members().contains(user);
  }

  @Override
  public boolean isPublic(String channel) {
    return channel(channel).isPublic();
  }

  private Channel channel(String id) {
    Instant now = clock.instant();
    Channel known = channels.get(id);
    if (known != null && known.at().plus(maxAge).isAfter(now)) {
      return known;
    }
    Channel fresh = read(id, now);
    channels.put(id, fresh);
    return fresh;
  }

  private Channel read(String id, Instant now) {
    try {
      ConversationsInfoResponse info = client.conversationsInfo(r -> r.channel(id));
      if (!info.isOk()) {
        log.warn(
            "conversations.info for channel {} said {}: its rollouts show to nobody",
            LogLines.escaped(id),
            info.getError());
        return new Channel(false, Set.of(), now);
      }
      boolean isPublic =
          !info.getChannel().isPrivate()
              && !info.getChannel().isIm()
              && !info.getChannel().isMpim();
      return new Channel(isPublic, members(id).orElse(Set.of()), now);
    } catch (IOException | SlackApiException e) {
      log.warn(
          "channel {} could not be read ({}): its rollouts show to nobody for now",
          LogLines.escaped(id),
          e.getMessage());
      return new Channel(false, Set.of(), now);
    }
  }

  private Optional<Set<String>> members(String id) throws IOException, SlackApiException {
    Set<String> members = new HashSet<>();
    String cursor = "";
    do {
      String page = cursor;
      ConversationsMembersResponse response =
          client.conversationsMembers(r -> r.channel(id).limit(PAGE).cursor(page));
      if (!response.isOk()) {
        log.warn(
            "conversations.members for channel {} said {}",
            LogLines.escaped(id),
            response.getError());
        return Optional.empty();
      }
      members.addAll(response.getMembers());
      cursor =
          response.getResponseMetadata() == null
              ? ""
              : Optional.ofNullable(response.getResponseMetadata().getNextCursor()).orElse("");
    } while (!cursor.isEmpty());
    return Optional.of(Set.copyOf(members));
  }
}
