package dev.shepherd.slack.posting;

/**
 * Answers a click on a rollout's message at once: the clicked message is redrawn through the
 * click's {@code response_url}, outside {@code chat.update}'s workspace tier, on threads that wait
 * for no other rollout's posts; the thread's own sync follows as before and finds it drawn.
 */
public final class ClickAnswers {
  private final ClickResponses responses;
  private final SyncWorker worker;
  private final ThreadSync sync;

  public ClickAnswers(ClickResponses responses, SyncWorker worker, ThreadSync sync) {
    this.responses = responses;
    this.worker = worker;
    this.sync = sync;
  }

  /** A click on message {@code ts} in {@code channel} changed the rollout; Slack gave the URL. */
  public void answer(String rolloutId, String channel, String ts, String responseUrl) {
    responses.clicked(channel, ts, responseUrl);
    worker.answer(rolloutId, () -> sync.answer(rolloutId, ts));
  }
}
