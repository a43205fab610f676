package dev.shepherd.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.slack.view.ActionIds;
import dev.shepherd.testing.FakeSlack;
import dev.shepherd.testing.ShepherdUnderTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Not a test: writes docs/example-thread.json, the messages Shepherd posts for a short rollout on
 * dev (root, step 1 done, step 2 failed with its troubleshooting), exactly as the Web API got them.
 * Run with {@code bench/example-thread.sh}.
 */
public final class ExampleThreadWriter {
  private ExampleThreadWriter() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "docs/example-thread.json");
    Path folder = Files.createTempDirectory("shepherd-example");
    try (ShepherdUnderTest shepherd = new ShepherdUnderTest(folder)) {
      shepherd.command(ShepherdUnderTest.OPERATOR, "dev oam-secrets");
      String thread = shepherd.root("dev").ts();
      shepherd.walk(thread, 1, List.of());
      FakeSlack.Message step2 = shepherd.openStep(thread, 2);
      shepherd.click(ShepherdUnderTest.OPERATOR, step2, ActionIds.FAIL);
      shepherd.await(
          "the failure", m -> thread.equals(m.threadTs()) && m.button(ActionIds.RETRY).isPresent());
      ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      ArrayNode messages = json.createArrayNode();
      for (FakeSlack.Message message : shepherd.slack.messages()) {
        ObjectNode node = messages.addObject();
        node.put("ts", message.ts());
        if (!message.isTopLevel()) {
          node.put("thread_ts", message.threadTs());
        }
        node.put("text", message.text());
        node.set("blocks", message.blocks());
      }
      String text = json.writeValueAsString(messages).replace(folder.toString() + "/", "");
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.writeString(out, text + "\n");
      System.out.println("wrote " + out + " (" + messages.size() + " messages)");
    }
    System.exit(0);
  }
}
