package dev.shepherd.slack.posting;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.model.Message;
import com.slack.api.model.view.View;
import com.slack.api.util.json.GsonFactory;
import dev.shepherd.slack.view.SlackMessage;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway on slack-api-client's {@link MethodsClient}: paces posts per channel, waits what a
 * 429's {@code Retry-After} says and tries again, and backs off on 5xx and network errors. A call
 * that still fails is a {@link SlackCallFailed}; the caller retries later from the database.
 */
public final class WebApiGateway implements ChatGateway {
  private static final Logger log = LoggerFactory.getLogger(WebApiGateway.class);
  private static final int ATTEMPTS = 6;
  private static final com.google.gson.Gson JSON = GsonFactory.createSnakeCase();

  private final MethodsClient client;
  private final ChannelPacer pacer;
  private final MeterRegistry registry;

  /** This token's bot, once auth.test named it. */
  private volatile BotIdentity bot;

  public WebApiGateway(MethodsClient client, ChannelPacer pacer, MeterRegistry registry) {
    this.client = client;
    this.pacer = pacer;
    this.registry = registry;
  }

  private void count(String method, String status) {
    registry.counter("shepherd.slack.calls", "method", method, "status", status).increment();
  }

  @Override
  public String post(
      String channel, Optional<String> threadTs, SlackMessage message, MessageKey key)
      throws SlackCallFailed {
    Message.Metadata metadata = new Message.Metadata();
    metadata.setEventType(MessageKey.EVENT_TYPE);
    metadata.setEventPayload(ChainWitness.payload(key));
    Instant asked = Instant.now();
    return call(
            "chat.postMessage",
            channel,
            Pacing.PER_CHANNEL,
            () ->
                client.chatPostMessage(
                    r ->
                        r.channel(channel)
                            .threadTs(threadTs.orElse(null))
                            .text(message.text())
                            .blocks(message.blocks())
                            .metadata(metadata)
                            .unfurlLinks(false)
                            .unfurlMedia(false)),
            () ->
                findPosted(channel, threadTs, key, asked.minusSeconds(60))
                    .map(WebApiGateway::posted))
        .getTs();
  }

  private static ChatPostMessageResponse posted(String ts) {
    ChatPostMessageResponse found = new ChatPostMessageResponse();
    found.setOk(true);
    found.setTs(ts);
    return found;
  }

  @Override
  public Optional<String> findPosted(
      String channel, Optional<String> threadTs, MessageKey key, Instant since)
      throws SlackCallFailed {
    List<Message> messages =
        threadTs.isPresent()
            ? call(
                    "conversations.replies",
                    channel,
                    Pacing.NONE,
                    () ->
                        client.conversationsReplies(
                            r ->
                                r.channel(channel)
                                    .ts(threadTs.get())
                                    .includeAllMetadata(true)
                                    .limit(1000)))
                .getMessages()
            : call(
                    "conversations.history",
                    channel,
                    Pacing.NONE,
                    () ->
                        client.conversationsHistory(
                            r ->
                                r.channel(channel)
                                    .oldest(since.getEpochSecond() + ".000000")
                                    .includeAllMetadata(true)
                                    .limit(1000)))
                .getMessages();
    if (messages == null) {
      return Optional.empty();
    }
    List<Message> carrying = messages.stream().filter(m -> carries(m, key)).toList();
    if (carrying.isEmpty()) {
      return Optional.empty();
    }
    // Anyone in the channel, or another app, can post a message with the same metadata: only
    // one this bot posted is adopted, never a planted one Shepherd would then take for its step.
    BotIdentity bot = bot();
    Optional<String> own = carrying.stream().filter(bot::posted).map(Message::getTs).findFirst();
    if (own.isEmpty()) {
      log.warn(
          "{} message(s) in {} carry the metadata of {} of rollout {} but were not posted by this"
              + " bot; not taken for the lost post",
          carrying.size(),
          channel,
          key.key(),
          key.rolloutId());
    }
    return own;
  }

  /** Who this token's bot is, asked once. */
  private BotIdentity bot() throws SlackCallFailed {
    BotIdentity known = bot;
    if (known != null) {
      return known;
    }
    BotIdentity fresh =
        BotIdentity.of(call("auth.test", "", Pacing.NONE, () -> client.authTest(r -> r)));
    bot = fresh;
    return fresh;
  }

  private static boolean carries(Message message, MessageKey key) {
    Message.Metadata metadata = message.getMetadata();
    return metadata != null
        && MessageKey.EVENT_TYPE.equals(metadata.getEventType())
        && metadata.getEventPayload() != null
        && key.rolloutId().equals(metadata.getEventPayload().get("rollout_id"))
        && key.key().equals(metadata.getEventPayload().get("key"));
  }

  @Override
  public void update(String channel, String ts, SlackMessage message) throws SlackCallFailed {
    call(
        "chat.update",
        channel,
        Pacing.BY_CALLER,
        () ->
            client.chatUpdate(
                r -> r.channel(channel).ts(ts).text(message.text()).blocks(message.blocks())));
  }

  @Override
  public boolean replace(String responseUrl, SlackMessage message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("replace_original", true);
    body.put("text", message.text());
    body.put("blocks", message.blocks());
    okhttp3.HttpUrl url = okhttp3.HttpUrl.parse(responseUrl);
    if (url == null) {
      count("response_url", "invalid_url");
      return false;
    }
    try (okhttp3.Response answer =
        client
            .getSlackHttpClient()
            .getOkHttpClient()
            .newCall(
                new okhttp3.Request.Builder()
                    .url(url)
                    .post(
                        okhttp3.RequestBody.create(
                            JSON.toJson(body), okhttp3.MediaType.get("application/json")))
                    .build())
            .execute()) {
      String text = answer.body() == null ? "" : answer.body().string();
      // Slack answers a used-up or expired URL with an error status and a word for it; any
      // answer but a 2xx without "ok":false means the message was not redrawn.
      boolean replaced = answer.isSuccessful() && !text.replace(" ", "").contains("\"ok\":false");
      count("response_url", replaced ? "ok" : "refused:" + answer.code());
      if (!replaced) {
        log.info(
            "a click's response_url refused the redraw (HTTP {}: {}); the message is updated"
                + " through chat.update instead",
            answer.code(),
            text.length() > 80 ? text.substring(0, 80) : text);
      }
      return replaced;
    } catch (IOException e) {
      count("response_url", "io_error");
      log.info(
          "a click's response_url could not be reached ({}); chat.update instead", e.toString());
      return false;
    }
  }

  @Override
  public void ephemeral(String channel, String user, Optional<String> threadTs, String text)
      throws SlackCallFailed {
    call(
        "chat.postEphemeral",
        channel,
        Pacing.NONE,
        () ->
            client.chatPostEphemeral(
                r -> r.channel(channel).user(user).threadTs(threadTs.orElse(null)).text(text)));
  }

  @Override
  public void openModal(String triggerId, View view) throws SlackCallFailed {
    call(
        "views.open",
        "",
        Pacing.NONE,
        () -> client.viewsOpen(r -> r.triggerId(triggerId).view(view)));
  }

  @Override
  public void publishHome(String user, View view) throws SlackCallFailed {
    call(
        "views.publish",
        "",
        Pacing.NONE,
        () -> client.viewsPublish(r -> r.userId(user).view(view)));
  }

  @Override
  public void upload(
      String channel,
      String threadTs,
      String filename,
      String title,
      String content,
      String comment)
      throws SlackCallFailed {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    var target =
        call(
            "files.getUploadURLExternal",
            channel,
            Pacing.NONE,
            () -> client.filesGetUploadURLExternal(r -> r.filename(filename).length(bytes.length)));
    try (okhttp3.Response sent =
        client
            .getSlackHttpClient()
            .getOkHttpClient()
            .newCall(
                new okhttp3.Request.Builder()
                    .url(target.getUploadUrl())
                    .post(okhttp3.RequestBody.create(bytes, okhttp3.MediaType.get("text/markdown")))
                    .build())
            .execute()) {
      count("files.upload_url", String.valueOf(sent.code()));
      if (sent.code() != 200) {
        throw new SlackCallFailed(
            "the upload of " + filename + " failed: HTTP " + sent.code(), null);
      }
    } catch (IOException e) {
      count("files.upload_url", "io_error");
      throw new SlackCallFailed("the upload of " + filename + " failed: " + e.getMessage(), e);
    }
    call(
        "files.completeUploadExternal",
        channel,
        Pacing.NONE,
        () ->
            client.filesCompleteUploadExternal(
                r ->
                    r.files(
                            List.of(
                                new com.slack.api.methods.request.files
                                    .FilesCompleteUploadExternalRequest.FileDetails(
                                    target.getFileId(), title)))
                        .channelId(channel)
                        .threadTs(threadTs)
                        .initialComment(comment)));
  }

  @FunctionalInterface
  private interface Call<T> {
    T run() throws IOException, SlackApiException;
  }

  /** Who keeps a method to Slack's pace. */
  private enum Pacing {
    /** Posts: this gateway, per channel, waiting out a 429 and trying again. */
    PER_CHANNEL,
    /** Methods Shepherd calls rarely: a 429 is waited out and the call tried again. */
    NONE,
    /** Updates: the caller's queue, which a 429 is thrown back to (it holds every replica). */
    BY_CALLER
  }

  private <T extends SlackApiTextResponse> T call(
      String method, String channel, Pacing pacing, Call<T> call) throws SlackCallFailed {
    return call(method, channel, pacing, call, Optional::empty);
  }

  /** What Slack may have done with a call whose answer was lost, asked before trying it again. */
  @FunctionalInterface
  private interface Recheck<T> {
    Optional<T> run() throws SlackCallFailed;
  }

  /**
   * As {@link #call(String, String, Pacing, Call)}; before a call whose answer was lost (a network
   * error, a 5xx) is made again, {@code recheck} asks whether Slack did it anyway: a post Slack
   * took must not be posted twice.
   */
  private <T extends SlackApiTextResponse> T call(
      String method, String channel, Pacing pacing, Call<T> call, Recheck<T> recheck)
      throws SlackCallFailed {
    boolean paced = pacing == Pacing.PER_CHANNEL;
    Duration backoff = Duration.ofMillis(250);
    Exception last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        T response;
        if (paced) {
          pacer.await(channel);
          try {
            response = call.run();
          } finally {
            pacer.answered(channel);
          }
        } else {
          response = call.run();
        }
        if (!response.isOk()) {
          count(method, "error:" + response.getError());
          throw new SlackCallFailed(method + " failed: " + response.getError(), null);
        }
        count(method, "ok");
        return response;
      } catch (SlackApiException e) {
        last = e;
        int status = e.getResponse().code();
        count(method, String.valueOf(status));
        if (status == 429) {
          Duration wait = retryAfter(e);
          if (pacing == Pacing.BY_CALLER) {
            throw new SlackCallFailed(
                method + " to " + channel + " was rate limited", e, Optional.of(wait));
          }
          log.info(
              "{} to {} was rate limited: waiting {} ms as Slack asks",
              method,
              channel,
              wait.toMillis());
          if (paced) {
            pacer.backOff(channel, wait); // the next attempt's turn waits it out
          } else {
            sleep(wait);
          }
          continue;
        }
        if (status < 500) {
          throw new SlackCallFailed(method + " failed: HTTP " + status, e);
        }
        Optional<T> done = recheck.run();
        if (done.isPresent()) {
          return done.get();
        }
      } catch (IOException e) {
        last = e;
        count(method, "io_error");
        Optional<T> done = recheck.run();
        if (done.isPresent()) {
          log.info("{} to {}: the answer was lost, but Slack had taken it", method, channel);
          return done.get();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SlackCallFailed(method + " interrupted", e);
      }
      sleep(backoff);
      backoff = backoff.multipliedBy(2);
    }
    throw new SlackCallFailed(
        method
            + " failed after "
            + ATTEMPTS
            + " attempts: "
            + (last == null ? "" : last.getMessage()),
        last);
  }

  private static Duration retryAfter(SlackApiException e) {
    String header = e.getResponse().header("Retry-After");
    try {
      return Duration.ofSeconds(header == null ? 1 : Math.max(0, Long.parseLong(header.trim())));
    } catch (NumberFormatException invalid) {
      return Duration.ofSeconds(1);
    }
  }

  private static void sleep(Duration duration) throws SlackCallFailed {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SlackCallFailed("interrupted while waiting to retry", e);
    }
  }
}
