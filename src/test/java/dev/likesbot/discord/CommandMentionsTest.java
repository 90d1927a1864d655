package dev.likesbot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likesbot.spotify.SpotifyException;
import dev.likesbot.text.Texts;
import dev.likesbot.tokens.NotLinkedException;
import org.junit.jupiter.api.Test;

/** "Not linked" and "link ended" name /link as the member can tap it once Discord gave its id. */
class CommandMentionsTest {
  private final CommandMentions commands = new CommandMentions();
  private final LinkCheck links = new LinkCheck(user -> false, NotLinkedException.class);

  @Test
  void aCommandIsPlainTextUntilItsIdIsKnown() {
    assertThat(commands.of("link")).isEqualTo("/link");

    commands.learn("link", "</link:1234567890123>");

    assertThat(commands.of("link")).isEqualTo("</link:1234567890123>");
    assertThat(commands.of("likes")).as("only what was learned").isEqualTo("/likes");
  }

  @Test
  void notLinkedAndARevokedLinkNameTheLearnedMention() {
    commands.learn("link", "</link:42>");

    assertThat(
            TestPipeline.withoutOwner()
                .explain(Texts.ENGLISH, new NotLinkedException(), "7", links, commands))
        .contains("Link your Spotify account first with </link:42>.");
    assertThat(
            TestPipeline.withoutOwner()
                .explain(
                    Texts.ENGLISH,
                    new SpotifyException(SpotifyException.Reason.REVOKED, "invalid_grant"),
                    "7",
                    links,
                    commands))
        .contains("Your Spotify link expired or was revoked — run </link:42> again.");
  }

  @Test
  void beforeRegistrationAnsweredTheRepliesSayPlainSlashLink() {
    assertThat(
            TestPipeline.withoutOwner()
                .explain(
                    Texts.ENGLISH,
                    new SpotifyException(SpotifyException.Reason.UNAUTHORIZED, "401"),
                    "7",
                    links,
                    commands))
        .contains("Your Spotify link expired or was revoked — run /link again.");
  }
}
