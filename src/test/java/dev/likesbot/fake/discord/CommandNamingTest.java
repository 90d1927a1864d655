package dev.likesbot.fake.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Names, descriptions and their translations are checked as Discord checks them. */
class CommandNamingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final CommandRegistry registry = new CommandRegistry(1L);

  private JsonNode register(String name, String description, String localizations)
      throws Exception {
    return registry.overwrite(
        null,
        JSON.readTree(
            "[{\"name\":\"likes\",\"description\":\"d\",\"options\":[{\"type\":1,\"name\":\""
                + name
                + "\",\"description\":\""
                + description
                + "\""
                + localizations
                + "}]}]"));
  }

  @Test
  void germanTranslationsAreKeptAsPosted() throws Exception {
    JsonNode answer =
        register(
            "count",
            "How many",
            ",\"name_localizations\":{\"de\":\"anzahl\"},"
                + "\"description_localizations\":{\"de\":\"Wie viele\",\"pt-BR\":\"Quantas\"}");

    JsonNode sub = answer.path(0).path("options").path(0);
    assertThat(sub.path("name_localizations").path("de").asText()).isEqualTo("anzahl");
    assertThat(sub.path("description_localizations").path("pt-BR").asText()).isEqualTo("Quantas");
  }

  @Test
  void aLocaleDiscordDoesNotKnowIsRefused() {
    assertThatThrownBy(() -> register("count", "d", ",\"name_localizations\":{\"de-DE\":\"x\"}"))
        .hasMessageContaining("name_localizations.de-DE")
        .hasMessageContaining("not a Discord locale");
  }

  @Test
  void aTranslatedNameFollowsTheNameRules() {
    assertThatThrownBy(() -> register("count", "d", ",\"name_localizations\":{\"de\":\"Anzahl\"}"))
        .hasMessageContaining("lower case");
    assertThatThrownBy(
            () -> register("count", "d", ",\"name_localizations\":{\"de\":\"zwei worte\"}"))
        .hasMessageContaining("pattern");
  }

  @Test
  void descriptionsHaveOneToAHundredCharacters() {
    String long101 = "x".repeat(101);
    assertThatThrownBy(
            () ->
                register(
                    "count", "d", ",\"description_localizations\":{\"de\":\"" + long101 + "\"}"))
        .hasMessageContaining("description_localizations.de");
    assertThatThrownBy(() -> register("count", "", "")).hasMessageContaining("description");
    assertThatThrownBy(() -> register("Count", "d", "")).hasMessageContaining("lower case");
  }
}
