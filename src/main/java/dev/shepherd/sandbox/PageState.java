package dev.shepherd.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Supplier;

/** The channel as one person sees it, as the JSON the page draws. */
final class PageState {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the page's banner says about this rehearsal. */
  record Banner(String config, String runbooks, String data, boolean temporary) {}

  private final Channel channel;
  private final Supplier<People> people;
  private final Supplier<Banner> banner;

  PageState(Channel channel, Supplier<People> people, Supplier<Banner> banner) {
    this.channel = channel;
    this.people = people;
    this.banner = banner;
  }

  ObjectNode of(String user) {
    ObjectNode state = JSON.createObjectNode();
    long version = channel.version();
    state.put("version", version).put("me", user).put("team", "Sandbox");
    state.putObject("channel").put("id", Channel.ID).put("name", Channel.NAME);
    state.putObject("bot").put("id", People.BOT_USER).put("name", "Shepherd");
    ArrayNode everyone = state.putArray("people");
    for (People.Person person : people.get().all()) {
      everyone
          .addObject()
          .put("id", person.id())
          .put("name", person.name())
          .put("role", person.role())
          .put("kind", person.kind());
    }
    Banner about = banner.get();
    state
        .putObject("banner")
        .put("config", about.config())
        .put("runbooks", about.runbooks())
        .put("data", about.data())
        .put("temporary", about.temporary());
    ArrayNode messages = state.putArray("messages");
    for (Channel.Message message : channel.visibleTo(user)) {
      ObjectNode node = messages.addObject();
      node.put("ts", message.ts())
          .put("threadTs", message.threadTs())
          .put("user", message.user())
          .put("text", message.text())
          .put("ephemeral", message.visibleTo() != null)
          .put("note", message.note());
      node.set("blocks", message.blocks());
    }
    channel
        .modal(user)
        .ifPresentOrElse(
            modal -> {
              ObjectNode node = state.putObject("modal");
              node.put("id", modal.id());
              node.set("view", modal.view());
              node.set("errors", modal.errors());
            },
            () -> state.putNull("modal"));
    return state;
  }
}
