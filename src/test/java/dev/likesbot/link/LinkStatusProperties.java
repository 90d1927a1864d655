package dev.likesbot.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.likesbot.discord.DiscordJson;
import dev.likesbot.fake.discord.MessageRules;
import dev.likesbot.store.StoredLink;
import dev.likesbot.testing.OutsideText;
import dev.likesbot.text.Texts;
import java.time.Instant;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** /link's status fits Discord's limits whatever Spotify display name the member has. */
class LinkStatusProperties {

  @Property(tries = 200)
  void statusFitsDiscordsLimitsAndStillShowsTheDates(@ForAll("names") String spotifyName) {
    Instant linked = Instant.parse("2025-01-01T00:00:00Z");
    StoredLink link =
        new StoredLink("310000000000000001", "sp", spotifyName, "a", "r", linked, linked);

    JsonNode sent = DiscordJson.create(LinkCommand.status(Texts.ENGLISH, link));

    assertThat(MessageRules.problems(sent)).isEmpty();
    assertThat(sent.path("content").asText()).contains("<t:" + linked.getEpochSecond() + ":D>");
  }

  @Provide
  Arbitrary<String> names() {
    return OutsideText.upTo(1000);
  }
}
