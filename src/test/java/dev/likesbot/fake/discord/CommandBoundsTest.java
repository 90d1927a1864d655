package dev.likesbot.fake.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Option bounds are checked as Discord does: where they may stand and how big they may be. */
class CommandBoundsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final CommandRegistry registry = new CommandRegistry(1L);

  private JsonNode register(String option) throws Exception {
    return registry.overwrite(
        null,
        JSON.readTree(
            "[{\"name\":\"likes\",\"description\":\"d\",\"options\":[{\"type\":1,\"name\":\"list\","
                + "\"description\":\"d\",\"options\":["
                + option
                + "]}]}]"));
  }

  @Test
  void anIntegerOptionMayStartAtOne() throws Exception {
    JsonNode answer =
        register("{\"type\":4,\"name\":\"page\",\"description\":\"d\",\"min_value\":1}");

    assertThat(
            answer
                .path(0)
                .path("options")
                .path(0)
                .path("options")
                .path(0)
                .path("min_value")
                .asLong())
        .isEqualTo(1);
  }

  @Test
  void aBoundBeyondTwoToTheFiftyThirdIsRefused() {
    assertThatThrownBy(
            () ->
                register(
                    "{\"type\":4,\"name\":\"page\",\"description\":\"d\","
                        + "\"min_value\":9007199254740993}"))
        .isInstanceOf(DiscordError.class)
        .hasMessageContaining("min_value");
    assertThatThrownBy(
            () ->
                register(
                    "{\"type\":4,\"name\":\"page\",\"description\":\"d\","
                        + "\"max_value\":-9007199254740993}"))
        .isInstanceOf(DiscordError.class)
        .hasMessageContaining("max_value");
  }

  @Test
  void aBoundOnANonNumberOptionOrAMinimumAboveTheMaximumIsRefused() {
    assertThatThrownBy(
            () ->
                register("{\"type\":5,\"name\":\"private\",\"description\":\"d\",\"min_value\":1}"))
        .isInstanceOf(DiscordError.class);
    assertThatThrownBy(
            () ->
                register(
                    "{\"type\":4,\"name\":\"page\",\"description\":\"d\",\"min_value\":5,"
                        + "\"max_value\":2}"))
        .isInstanceOf(DiscordError.class);
  }
}
