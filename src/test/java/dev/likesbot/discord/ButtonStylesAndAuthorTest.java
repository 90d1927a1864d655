package dev.likesbot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.likesbot.fake.discord.MessageRules;
import dev.likesbot.testing.OutsideText;
import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Buttons go out in the style asked for, and an embed's author line within Discord's limits. */
class ButtonStylesAndAuthorTest {
  private static final String AVATAR = "https://cdn.discordapp.com/avatars/42/abc.png";

  private static Reply.Embed authorOnly(String name, Optional<String> icon) {
    return new Reply.Embed("", Optional.empty(), "", Optional.empty())
        .withAuthor(new Reply.Embed.Author(name, icon));
  }

  @Example
  void eachActionStyleIsDiscordsNumberAndALinkStaysALink() {
    Reply reply =
        Reply.privately("pick")
            .withButton(new Reply.ActionButton("Go", "x:go", Reply.Style.PRIMARY))
            .withButton(new Reply.ActionButton("Maybe", "x:maybe"))
            .withButton(new Reply.ActionButton("Delete", "x:delete", Reply.Style.DANGER))
            .withButton(new Reply.LinkButton("Open", "https://example.com/"));

    JsonNode sent = DiscordJson.create(reply);

    assertThat(sent.findValues("style")).extracting(JsonNode::asInt).containsExactly(1, 2, 4, 5);
    assertThat(MessageRules.problems(sent)).isEmpty();
    assertThat(MessageRules.problems(DiscordJson.edit(reply))).isEmpty();
  }

  @Example
  void aDisabledDangerButtonKeepsItsStyle() {
    JsonNode sent =
        DiscordJson.edit(
            Reply.privately("x")
                .withButton(new Reply.ActionButton("Delete", "x:d", Reply.Style.DANGER, true)));

    JsonNode button = sent.findValue("components").get(0).path("components").get(0);
    assertThat(button.path("style").asInt()).isEqualTo(4);
    assertThat(button.path("disabled").asBoolean()).isTrue();
  }

  @Example
  void anAuthorAloneIsACardWithTheNameAndPicture() {
    JsonNode sent =
        DiscordJson.create(
            Reply.publicly("You have 3 liked songs.")
                .withEmbed(authorOnly("*ada*", Optional.of(AVATAR))));

    JsonNode author = sent.path("embeds").path(0).path("author");
    assertThat(author.path("name").asText()).as("author names are not markdown").isEqualTo("*ada*");
    assertThat(author.path("icon_url").asText()).isEqualTo(AVATAR);
    assertThat(MessageRules.problems(sent)).isEmpty();
  }

  @Example
  void aPictureThatIsNotAWebAddressIsLeftOutAndTheNameStays() {
    JsonNode sent =
        DiscordJson.create(Reply.publicly("x").withEmbed(authorOnly("ada", Optional.of("nope"))));

    JsonNode author = sent.path("embeds").path(0).path("author");
    assertThat(author.path("name").asText()).isEqualTo("ada");
    assertThat(author.has("icon_url")).isFalse();
  }

  @Property(tries = 200)
  void anyMembersNameFitsTheAuthorLine(@ForAll("names") String name) {
    Reply reply = Reply.publicly("x").withEmbed(authorOnly(name, Optional.of(AVATAR)));

    JsonNode sent = DiscordJson.create(reply);

    assertThat(MessageRules.problems(sent)).isEmpty();
    if (!MessageLimits.isBlank(name) && name.length() <= MessageLimits.AUTHOR) {
      assertThat(sent.path("embeds").path(0).path("author").path("name").asText())
          .isEqualTo(MessageLimits.shorten(name, MessageLimits.AUTHOR));
    }
  }

  @Provide
  Arbitrary<String> names() {
    return OutsideText.upTo(600);
  }
}
