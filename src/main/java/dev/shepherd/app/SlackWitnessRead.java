package dev.shepherd.app;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.shepherd.audit.WitnessCheck;
import dev.shepherd.audit.WitnessedHead;
import dev.shepherd.slack.posting.ChainWitness;
import dev.shepherd.slack.posting.ChatGateway;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * {@code audit verify --witness slack}: reads the chain heads Shepherd's summaries carry in every
 * channel rollouts were posted in (and any the caller names: a rollout deleted from the database no
 * longer names its channel), with {@code SLACK_BOT_TOKEN} at {@code SLACK_API_URL}, and compares
 * them with the database's chains.
 */
public final class SlackWitnessRead {
  private SlackWitnessRead() {}

  /** Slack would not give a channel's history: the method's error or the transport's. */
  public static final class Unreadable extends Exception {
    Unreadable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * What was read where, and what the comparison found.
   *
   * @param foreign heads posted by someone other than the token's bot, not read as witnesses
   */
  public record Report(List<String> channels, int heads, int foreign, WitnessCheck.Result result) {
    public Report {
      channels = List.copyOf(channels);
    }
  }

  /**
   * @param interval the pause between two {@code conversations.history} calls
   * @param pageSize messages asked per call
   * @throws IllegalArgumentException when no bot token is set
   * @throws Unreadable when a channel cannot be read
   */
  public static Report check(
      OfflineRecord record,
      List<String> named,
      Map<String, String> env,
      Duration interval,
      int pageSize)
      throws Unreadable, InterruptedException {
    Objects.requireNonNull(record, "record");
    String token = env.get("SLACK_BOT_TOKEN");
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException(
          "the Slack witness needs SLACK_BOT_TOKEN (a bot token with channels:history) to read"
              + " the channels");
    }
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(env.getOrDefault("SLACK_API_URL", "https://slack.com/api/"));
    config.setPrettyResponseLoggingEnabled(false);
    ChainWitness witness =
        new ChainWitness(
            Slack.getInstance(config).methods(token.strip()),
            interval,
            pageSize,
            d -> Thread.sleep(d.toMillis()));
    TreeSet<String> channels = new TreeSet<>(record.channels());
    channels.addAll(named);
    List<WitnessedHead> heads = new ArrayList<>();
    for (String channel : channels) {
      try {
        heads.addAll(witness.read(channel));
      } catch (ChatGateway.SlackCallFailed e) {
        throw new Unreadable(e.getMessage(), e);
      }
    }
    if (heads.isEmpty() && witness.foreign() > 0) {
      // Shepherd posted with another app than this token's: "nothing to compare" would read as
      // a clean record.
      throw new Unreadable(
          witness.foreign()
              + " summary head(s) in Slack were posted by another bot than this token's, and none"
              + " by this one: give SLACK_BOT_TOKEN of the app Shepherd posts with",
          null);
    }
    return new Report(
        List.copyOf(channels), heads.size(), witness.foreign(), record.witnessCheck().check(heads));
  }
}
