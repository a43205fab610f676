package dev.shepherd.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one channel of the sandbox, as Slack would hold it: messages and thread replies in {@code ts}
 * order, ephemeral replies kept for the one user who may see them, and the modal each user has
 * open. Thread-safe; every change bumps a version the page waits on. With a file, the messages are
 * written there after each change and read back at start, so a sandbox started again on the same
 * data folder shows the threads Shepherd's database remembers.
 */
final class Channel {
  static final String ID = "C0SANDBOX";
  static final String NAME = "deploys";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One message as it stands now.
   *
   * @param threadTs the thread it replies in, or null for a message in the channel
   * @param visibleTo null for everyone, or the only user who sees it (an ephemeral reply)
   * @param note what the sandbox adds for the reader (the command that was typed), or null
   */
  record Message(
      String ts,
      String threadTs,
      String user,
      String text,
      JsonNode blocks,
      String visibleTo,
      String note) {
    boolean visibleTo(String reader) {
      return visibleTo == null || visibleTo.equals(reader);
    }
  }

  /** A modal open for one user: the view as the app sent it, and errors from its last submit. */
  record Modal(String id, String user, JsonNode view, JsonNode errors) {}

  private final Clock clock;
  private final Optional<Path> file;
  private final List<Message> messages = new ArrayList<>();
  private final Map<String, Modal> modals = new HashMap<>();
  private long version = 1;
  private long lastMicros;
  private boolean closed;

  private Channel(Clock clock, Optional<Path> file) {
    this.clock = clock;
    this.file = file;
  }

  /** A channel kept in memory only. */
  static Channel inMemory(Clock clock) {
    return new Channel(clock, Optional.empty());
  }

  /** A channel kept in a file as well: what it holds is read now, and written at each change. */
  static Channel inFile(Clock clock, Path file) throws IOException {
    Channel channel = new Channel(clock, Optional.of(file));
    if (Files.exists(file)) {
      for (JsonNode node : JSON.readTree(file.toFile())) {
        channel.messages.add(
            new Message(
                node.path("ts").asText(),
                text(node, "threadTs"),
                node.path("user").asText(),
                node.path("text").asText(),
                node.path("blocks"),
                text(node, "visibleTo"),
                text(node, "note")));
      }
      channel.messages.stream()
          .map(Message::ts)
          .map(Channel::micros)
          .max(Long::compare)
          .ifPresent(last -> channel.lastMicros = last);
    }
    return channel;
  }

  /** Posts a message (in a thread when {@code threadTs} is set) and returns its ts. */
  synchronized String post(String user, String threadTs, String text, JsonNode blocks) {
    return add(new Message(nextTs(), threadTs, user, text, blocks, null, null));
  }

  /** A message only {@code reader} sees, with an optional note from the sandbox. */
  synchronized String ephemeral(
      String reader, String threadTs, String user, String text, JsonNode blocks, String note) {
    return add(new Message(nextTs(), threadTs, user, text, blocks, reader, note));
  }

  /** Replaces a message's text and blocks; false when there is no such message. */
  synchronized boolean update(String ts, String text, JsonNode blocks) {
    for (int i = 0; i < messages.size(); i++) {
      Message old = messages.get(i);
      if (old.ts().equals(ts) && old.visibleTo() == null) {
        messages.set(
            i, new Message(ts, old.threadTs(), old.user(), text, blocks, null, old.note()));
        changed();
        return true;
      }
    }
    return false;
  }

  synchronized Optional<Message> find(String ts, String reader) {
    return messages.stream().filter(m -> m.ts().equals(ts) && m.visibleTo(reader)).findFirst();
  }

  /** What {@code reader} sees, in ts order. */
  synchronized List<Message> visibleTo(String reader) {
    return messages.stream().filter(m -> m.visibleTo(reader)).toList();
  }

  synchronized void openModal(Modal modal) {
    modals.put(modal.user(), modal);
    changed();
  }

  synchronized Optional<Modal> modal(String user) {
    return Optional.ofNullable(modals.get(user));
  }

  /** Shows the errors an app answered a submission with; the modal stays open. */
  synchronized void modalErrors(String user, String viewId, JsonNode errors) {
    Modal open = modals.get(user);
    if (open != null && open.id().equals(viewId)) {
      modals.put(user, new Modal(open.id(), user, open.view(), errors));
      changed();
    }
  }

  synchronized void closeModal(String user, String viewId) {
    Modal open = modals.get(user);
    if (open != null && open.id().equals(viewId)) {
      modals.remove(user);
      changed();
    }
  }

  synchronized long version() {
    return version;
  }

  /** Waits until the version moves past {@code seen}, at most {@code millis}; returns it. */
  synchronized long awaitChange(long seen, long millis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    while (version <= seen && !closed) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        break;
      }
      wait(left);
    }
    return version;
  }

  /** Releases every waiting page request. */
  synchronized void close() {
    closed = true;
    notifyAll();
  }

  /** A Slack timestamp, {@code seconds.micros}, later than every one given before. */
  synchronized String nextTs() {
    long now = clock.millis() * 1000;
    lastMicros = Math.max(now, lastMicros + 1);
    return lastMicros / 1_000_000 + "." + String.format("%06d", lastMicros % 1_000_000);
  }

  private String add(Message message) {
    messages.add(message);
    changed();
    return message.ts();
  }

  private void changed() {
    version++;
    notifyAll();
    file.ifPresent(this::save);
  }

  private void save(Path target) {
    var array = JsonNodeFactory.instance.arrayNode();
    for (Message message : messages) {
      var node = array.addObject();
      node.put("ts", message.ts())
          .put("threadTs", message.threadTs())
          .put("user", message.user())
          .put("text", message.text())
          .put("visibleTo", message.visibleTo())
          .put("note", message.note());
      node.set("blocks", message.blocks());
    }
    try {
      Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
      JSON.writeValue(temporary.toFile(), array);
      Files.move(
          temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the sandbox channel to " + target, e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  static long micros(String ts) {
    int dot = ts.indexOf('.');
    try {
      return dot < 0
          ? Long.parseLong(ts) * 1_000_000
          : Long.parseLong(ts.substring(0, dot)) * 1_000_000
              + Long.parseLong(ts.substring(dot + 1));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
