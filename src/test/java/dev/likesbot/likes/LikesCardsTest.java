package dev.likesbot.likes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likesbot.discord.Reply;
import dev.likesbot.spotify.SavedTrack;
import dev.likesbot.spotify.Track;
import dev.likesbot.text.Texts;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** /likes cards say whose they are, and the list's page buttons say which way in words. */
class LikesCardsTest {
  private static final Reply.Embed.Author ADA =
      new Reply.Embed.Author("Ada", Optional.of("https://cdn.discordapp.com/avatars/42/x.png"));
  private static final Track SONG =
      new Track(
          "Song",
          List.of("Artist"),
          "Album",
          Optional.empty(),
          Optional.of("https://open.spotify.com/track/1"),
          Duration.ofMinutes(3),
          false,
          true);

  private static List<SavedTrack> songs(int n) {
    return Collections.nCopies(n, new SavedTrack(Optional.of(SONG), Optional.of(Instant.EPOCH)));
  }

  @Test
  void countKeepsItsSentenceAndAddsACardNamingTheMember() {
    Reply reply = LikesReplies.count(Texts.ENGLISH, 1234, ADA, false);

    assertThat(reply.content()).isEqualTo("You have 1,234 liked songs.");
    assertThat(reply.embed().orElseThrow().author()).contains(ADA);
  }

  @Test
  void aPickAndAListPageAreHeadedByTheMember() {
    Reply pick =
        LikesReplies.pick(
            Texts.ENGLISH,
            new LikesService.Pick(3, Optional.of(songs(1).get(0)), 1),
            "42",
            ADA,
            false);
    Reply page =
        LikesReplies.page(Texts.ENGLISH, new LikesService.Page(3, 0, songs(3)), "42", ADA, false);

    assertThat(pick.embed().orElseThrow().author()).contains(ADA);
    assertThat(page.embed().orElseThrow().author()).contains(ADA);
  }

  @Test
  void thePageButtonsSayNewerAndOlderAndKeepTheirIds() {
    Reply middle =
        LikesReplies.page(Texts.ENGLISH, new LikesService.Page(25, 1, songs(10)), "42", ADA, false);

    assertThat(middle.buttons())
        .containsExactly(
            new Reply.ActionButton("◀ Newer", "likes:prev:42:0", false),
            new Reply.ActionButton("Older ▶", "likes:next:42:2", false));
  }

  @Test
  void pageIsRegisteredWithAMinimumOfOne() {
    assertThat(new LikesCommand(null, null, null).spec().subcommands())
        .filteredOn(s -> s.name().equals("list"))
        .singleElement()
        .satisfies(
            list ->
                assertThat(list.options())
                    .filteredOn(o -> o.name().equals("page"))
                    .singleElement()
                    .satisfies(page -> assertThat(page.min()).hasValue(1)));
  }
}
