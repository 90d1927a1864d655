package dev.likesbot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.likesbot.likes.LikesCommand;
import dev.likesbot.link.LinkCommand;
import dev.likesbot.link.UnlinkCommand;
import dev.likesbot.text.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

/**
 * The commands as JDA sends them to Discord: every name and description, down to each option, has
 * its German translation from the bundle under the key JDA asks for, while the real names stay.
 */
class CommandLocalizationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ResourceBundle GERMAN = Texts.bundle(Locale.GERMAN);

  private static List<SlashCommand> features() {
    return List.of(
        new LikesCommand(null, null, null),
        new LinkCommand(null, null, null, null),
        new UnlinkCommand(null));
  }

  private static JsonNode posted(SlashCommand feature) throws Exception {
    return JSON.readTree(DiscordBot.data(feature.spec()).toData().toString());
  }

  /** Every named node (command, subcommand, option) with its key path, as JDA builds keys. */
  private static void collect(JsonNode node, String key, List<String[]> found) {
    found.add(new String[] {key, node.path("name").asText()});
    for (JsonNode child : node.path("options")) {
      String sub =
          child.path("type").asInt() == 1
              ? key + "." + child.path("name").asText()
              : key + ".options." + child.path("name").asText();
      collect(child, sub, found);
    }
  }

  @Test
  void everyNameAndDescriptionCarriesItsGermanTranslation() throws Exception {
    for (SlashCommand feature : features()) {
      JsonNode command = posted(feature);
      List<String[]> nodes = new ArrayList<>();
      collect(command, command.path("name").asText(), nodes);
      for (String[] node : nodes) {
        JsonNode posted = find(command, node[0]);
        assertThat(posted.path("name").asText()).as("the real name").isEqualTo(node[1]);
        assertThat(posted.path("name_localizations").path("de").asText())
            .as(node[0] + ".name")
            .isEqualTo(GERMAN.getString(node[0] + ".name"));
        assertThat(posted.path("description_localizations").path("de").asText())
            .as(node[0] + ".description")
            .isEqualTo(GERMAN.getString(node[0] + ".description"));
        assertThat(posted.path("description").asText())
            .as("English from the bundle")
            .isEqualTo(Texts.ENGLISH.get(node[0] + ".description"));
      }
    }
  }

  @Test
  void germanSubcommandsAndOptionsHaveGermanNames() throws Exception {
    JsonNode likes = posted(new LikesCommand(null, null, null));

    assertThat(find(likes, "likes.count").path("name_localizations").path("de").asText())
        .isEqualTo("anzahl");
    assertThat(
            find(likes, "likes.list.options.page").path("name_localizations").path("de").asText())
        .isEqualTo("seite");
    assertThat(likes.path("name_localizations").size())
        .as("only languages with a file")
        .isEqualTo(1);
  }

  private static JsonNode find(JsonNode command, String key) {
    String[] parts = key.split("\\.");
    JsonNode node = command;
    for (int i = 1; i < parts.length; i++) {
      if (parts[i].equals("options")) {
        continue;
      }
      String name = parts[i];
      JsonNode next = null;
      for (JsonNode child : node.path("options")) {
        if (child.path("name").asText().equals(name)) {
          next = child;
        }
      }
      assertThat(next).as(key).isNotNull();
      node = next;
    }
    return node;
  }
}
