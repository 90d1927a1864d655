package dev.likesbot.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.likesbot.discord.DiscordJson;
import dev.likesbot.discord.Reply;
import dev.likesbot.fake.discord.MessageRules;
import dev.likesbot.store.StoredLink;
import dev.likesbot.testing.OutsideText;
import dev.likesbot.text.Texts;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * /link's status and the messages that confirm a new link fit Discord's limits whatever Spotify
 * display name the member has, and keep their whole sentence.
 */
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

  /**
   * The bug: the DM and the /link message that confirm a link placed the whole escaped display name
   * in the sentence, so a long one (1,000 markdown characters escape to 2,000) pushed "Not you? Use
   * /unlink." out of the 2,000-character message.
   */
  @Property(tries = 200)
  void theMessagesConfirmingALinkKeepTheirWarning(@ForAll("names") String spotifyName) {
    LinkOutcome.Linked linked =
        new LinkOutcome.Linked("310000000000000001", "ada", "ada", spotifyName);

    for (Reply message :
        List.of(
            LinkedDm.message(Texts.ENGLISH, linked),
            Reply.privately(LoginMessages.confirmation(Texts.ENGLISH, linked)))) {
      JsonNode sent = DiscordJson.create(message);

      assertThat(MessageRules.problems(sent)).isEmpty();
      assertThat(sent.path("content").asText()).endsWith("Not you? Use /unlink.");
    }
  }

  @Example
  void aDisplayNameOfAThousandMarkdownCharactersLeavesTheWarningInPlace() {
    theMessagesConfirmingALinkKeepTheirWarning("*".repeat(1000));
  }

  @Provide
  Arbitrary<String> names() {
    return OutsideText.upTo(1000);
  }
}
