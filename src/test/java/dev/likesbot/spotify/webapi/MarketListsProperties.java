package dev.likesbot.spotify.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.likesbot.testing.OutsideText;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class MarketListsProperties {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String KEY = "available_markets";

  /** Names from outside, and names written to look like the key and its list. */
  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.oneOf(
        OutsideText.upTo(40),
        Arbitraries.of(
            "\",\"available_markets\":[\"DE\"],\"x\":\"",
            "available_markets",
            "\"available_markets\": []",
            "],[",
            "{\"available_markets\":[\"SE\",\"US\"]}"));
  }

  @Property(tries = 400)
  void cuttingTheMarketListsLeavesEveryOtherValueExactlyAsItWas(
      @ForAll long seed,
      @ForAll @Size(min = 1, max = 20) List<@From("texts") String> texts,
      @ForAll boolean pretty)
      throws Exception {
    JsonNode answer = tree(new Random(seed), texts, 0);
    String body =
        pretty
            ? MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(answer)
            : MAPPER.writeValueAsString(answer);

    String cut = MarketLists.cut(body);

    assertThat(MAPPER.readTree(cut)).isEqualTo(withoutMarkets(answer.deepCopy()));
  }

  @Example
  void aPageOfSavedTracksLosesOnlyItsMarketLists() throws Exception {
    String page =
        "{\"items\":[{\"added_at\":\"2025-06-01T12:00:00Z\",\"track\":{\"available_markets\":"
            + "[\"DE\",\"GB\"],\"name\":\"Song\",\"album\":{\"name\":\"A\",\"available_markets\":"
            + "[\"SE\"]}}}],\"total\":1}";

    assertThat(MarketLists.cut(page))
        .isEqualTo(
            "{\"items\":[{\"added_at\":\"2025-06-01T12:00:00Z\",\"track\":{\"name\":\"Song\","
                + "\"album\":{\"name\":\"A\"}}}],\"total\":1}");
  }

  private static JsonNode tree(Random random, List<String> texts, int depth) {
    if (depth >= 4) {
      return leaf(random, texts);
    }
    switch (random.nextInt(3)) {
      case 0 -> {
        ObjectNode object = NODES.objectNode();
        int fields = random.nextInt(5);
        int marketsAt = random.nextBoolean() ? random.nextInt(fields + 1) : -1;
        for (int i = 0; i <= fields; i++) {
          if (i == marketsAt) {
            ArrayNode markets = object.putArray(KEY);
            for (int m = random.nextInt(4); m > 0; m--) {
              markets.add(List.of("DE", "GB", "SE", "US", "JP").get(random.nextInt(5)));
            }
          }
          if (i < fields) {
            object.set(texts.get(random.nextInt(texts.size())) + i, tree(random, texts, depth + 1));
          }
        }
        return object;
      }
      case 1 -> {
        ArrayNode array = NODES.arrayNode();
        for (int i = random.nextInt(4); i > 0; i--) {
          array.add(tree(random, texts, depth + 1));
        }
        return array;
      }
      default -> {
        return leaf(random, texts);
      }
    }
  }

  private static JsonNode leaf(Random random, List<String> texts) {
    return switch (random.nextInt(4)) {
      case 0 -> NODES.numberNode(random.nextInt());
      case 1 -> NODES.booleanNode(random.nextBoolean());
      case 2 -> NODES.nullNode();
      default -> NODES.textNode(texts.get(random.nextInt(texts.size())));
    };
  }

  /** The answer as the bot wants it: every available_markets key gone, nothing else. */
  private static JsonNode withoutMarkets(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.remove(KEY);
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        withoutMarkets(it.next().getValue());
      }
    } else if (node instanceof ArrayNode array) {
      array.forEach(MarketListsProperties::withoutMarkets);
    }
    return node;
  }
}
