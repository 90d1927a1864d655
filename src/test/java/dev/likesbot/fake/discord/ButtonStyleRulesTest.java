package dev.likesbot.fake.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fake refuses buttons as Discord does: 1-4 need a custom_id, 5 a url, 6 a SKU and no more. */
class ButtonStyleRulesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<String> problemsOf(String button) throws Exception {
    JsonNode body =
        JSON.readTree("{\"components\":[{\"type\":1,\"components\":[" + button + "]}]}");
    return MessageRules.problems(body).stream().map(p -> p.path() + " " + p.code()).toList();
  }

  @Test
  void everyActionStyleWithACustomIdIsFine() throws Exception {
    for (int style = 1; style <= 4; style++) {
      assertThat(
              problemsOf(
                  "{\"type\":2,\"style\":" + style + ",\"label\":\"a\",\"custom_id\":\"x:1\"}"))
          .as("style %d", style)
          .isEmpty();
    }
  }

  @Test
  void aDangerButtonWithoutACustomIdOrWithAUrlIsRefused() throws Exception {
    assertThat(problemsOf("{\"type\":2,\"style\":4,\"label\":\"a\"}"))
        .containsExactly("components.0.components.0.custom_id BASE_TYPE_REQUIRED");
    assertThat(
            problemsOf(
                "{\"type\":2,\"style\":4,\"label\":\"a\",\"custom_id\":\"x:1\","
                    + "\"url\":\"https://example.com\"}"))
        .containsExactly("components.0.components.0.url COMPONENT_BUTTON_URL_NOT_ALLOWED");
  }

  @Test
  void aLinkButtonNeedsAUrlAndNoCustomId() throws Exception {
    assertThat(problemsOf("{\"type\":2,\"style\":5,\"label\":\"a\"}"))
        .containsExactly("components.0.components.0.url BASE_TYPE_REQUIRED");
    assertThat(
            problemsOf(
                "{\"type\":2,\"style\":5,\"label\":\"a\",\"url\":\"https://example.com\","
                    + "\"custom_id\":\"x:1\"}"))
        .containsExactly("components.0.components.0.custom_id COMPONENT_LINK_BUTTON_CUSTOM_ID");
  }

  @Test
  void aMissingOrUnknownStyleIsRefused() throws Exception {
    assertThat(problemsOf("{\"type\":2,\"label\":\"a\",\"custom_id\":\"x:1\"}"))
        .containsExactly("components.0.components.0.style BASE_TYPE_CHOICES");
    assertThat(problemsOf("{\"type\":2,\"style\":7,\"label\":\"a\",\"custom_id\":\"x:1\"}"))
        .containsExactly("components.0.components.0.style BASE_TYPE_CHOICES");
  }

  @Test
  void aPremiumButtonNamesASkuAndNothingElse() throws Exception {
    assertThat(problemsOf("{\"type\":2,\"style\":6,\"sku_id\":\"123\"}")).isEmpty();
    assertThat(problemsOf("{\"type\":2,\"style\":6,\"label\":\"a\"}"))
        .containsExactlyInAnyOrder(
            "components.0.components.0.sku_id BASE_TYPE_REQUIRED",
            "components.0.components.0.label COMPONENT_BUTTON_PREMIUM_FIELD");
  }
}
