package dev.likesbot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Files under a reply are fitted to Discord's limits like the rest of it. */
class ReplyFilesTest {

  @Test
  void atMostTenFilesEachWithAltTextOfAtMost1024Characters() {
    Reply reply = Reply.publicly("x");
    for (int i = 0; i < 12; i++) {
      reply = reply.withFile(new Reply.Attachment(i + ".png", new byte[] {1}, "d".repeat(2_000)));
    }

    Reply fitted = MessageLimits.fit(reply);

    assertThat(fitted.files()).hasSize(10);
    assertThat(fitted.files())
        .allSatisfy(f -> assertThat(f.description().length()).isLessThanOrEqualTo(1024));
    assertThat(fitted.files().get(0).name()).isEqualTo("0.png");
  }

  @Test
  void aReplyKeepsItsFilesThroughItsOtherChanges() {
    Reply reply =
        Reply.publicly("x")
            .withFile(new Reply.Attachment("a.png", new byte[] {1}, "alt"))
            .asEphemeral(true)
            .withEmbed(
                new Reply.Embed("t", java.util.Optional.empty(), "d", java.util.Optional.empty()));

    assertThat(reply.files()).extracting(Reply.Attachment::name).containsExactly("a.png");
  }
}
