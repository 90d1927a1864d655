package dev.likesbot.likes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likesbot.discord.Reply;
import dev.likesbot.link.TokenCache;
import dev.likesbot.spotify.SpotifyException;
import dev.likesbot.store.StoredLink;
import dev.likesbot.testing.FakeAuth;
import dev.likesbot.testing.FakeLibrary;
import dev.likesbot.testing.FakeTime;
import dev.likesbot.testing.InMemoryStore;
import dev.likesbot.testing.RecordingCall;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LikesCommandTest {
  private final FakeTime time = new FakeTime();
  private final InMemoryStore store = new InMemoryStore();
  private final FakeAuth auth = new FakeAuth();
  private final FakeLibrary library = new FakeLibrary();
  private final TokenCache tokens = new TokenCache(store, auth, time, time);
  private final LikesCommand command =
      new LikesCommand(
          new LikesService(tokens, library, new Random(1), Duration.ofMinutes(1), time),
          tokens,
          new Cooldown(Duration.ZERO, time, time));

  private void link(String user) {
    store.save(
        new StoredLink(
            user, "s", "Ada", "a", "r", time.instant().plus(Duration.ofHours(1)), time.instant()));
  }

  /** As the router does: acknowledge on arrival, then handle. */
  private RecordingCall run(LikesCommand command, String sub) {
    RecordingCall call = new RecordingCall("42", sub);
    command.acknowledge(call);
    command.handle(call);
    return call;
  }

  private RecordingCall run(String sub) {
    return run(command, sub);
  }

  @Test
  void anUnlinkedMemberIsToldToLinkPrivatelyWithoutCallingSpotify() {
    RecordingCall call = run("count");

    assertThat(call.onlyReply()).isEqualTo(Reply.privately(LikesCommand.NOT_LINKED));
    assertThat(library.requests).isEmpty();
  }

  @Test
  void countPostsGroupedDigitsPublicly() {
    link("42");
    library.withSongs(1234);

    RecordingCall call = run("count");

    assertThat(call.deferredEphemeral).isFalse();
    assertThat(call.onlyReply()).isEqualTo(Reply.publicly("You have 1,234 liked songs."));
  }

  @Test
  void countSaysOneSongAndNoSongsInPlainWords() {
    link("42");
    library.withSongs(1);
    assertThat(run("count").onlyReply().content()).isEqualTo("You have 1 liked song.");

    library.tracks.clear();
    assertThat(run("count").onlyReply().content()).isEqualTo(LikesCommand.NO_LIKES);
  }

  @Test
  void randomPostsTheSongWithArtworkAndALink() {
    link("42");
    library.withSongs(1);

    Reply reply = run("random").onlyReply();

    assertThat(reply.ephemeral()).isFalse();
    Reply.Embed embed = reply.embed().orElseThrow();
    assertThat(embed.title()).isEqualTo("Song 0");
    assertThat(embed.description()).isEqualTo("by Artist\nfrom Album");
    assertThat(embed.thumbnailUrl()).isPresent();
    assertThat(embed.url()).isEqualTo(library.tracks.get(0).track().orElseThrow().url());
    assertThat(reply.buttons())
        .singleElement()
        .isEqualTo(new Reply.LinkButton("Open in Spotify", embed.url().orElseThrow()));
  }

  @Test
  void aRevokedLinkAsksToLinkAgainPrivately() {
    store.save(new StoredLink("42", "s", "Ada", "a", "r", time.instant(), time.instant()));
    auth.failRefresh = new SpotifyException(SpotifyException.Reason.REVOKED, "invalid_grant");

    Reply reply = run("count").onlyReply();

    assertThat(reply).isEqualTo(Reply.privately(LikesCommand.REVOKED));
    assertThat(store.links).isEmpty();
  }

  @Test
  void rateLimitingSaysWhenToTryAgain() {
    link("42");
    library.fail =
        new SpotifyException(
            SpotifyException.Reason.RATE_LIMITED, "429", Duration.ofSeconds(7), null);

    assertThat(run("random").onlyReply())
        .isEqualTo(Reply.privately("Spotify is rate-limiting this bot — try again in 7 s."));
  }

  @Test
  void spotifyOutagesAreExplainedWithoutDetails() {
    link("42");
    library.fail = new SpotifyException(SpotifyException.Reason.UNAVAILABLE, "HTTP 503 secret?");

    assertThat(run("count").onlyReply()).isEqualTo(Reply.privately(LikesCommand.UNAVAILABLE));
    assertThat(store.links).containsKey("42");
  }

  @Test
  void aMemberWhoAsksAgainWithinTheCooldownIsToldToWait() {
    link("42");
    library.withSongs(3);
    LikesCommand cooled =
        new LikesCommand(
            new LikesService(tokens, library, new Random(1), Duration.ofMinutes(1), time),
            tokens,
            new Cooldown(Duration.ofSeconds(2), time, time));
    run(cooled, "count");
    library.requests.clear();
    time.advance(Duration.ofMillis(500));

    Reply slowed = run(cooled, "count").onlyReply();

    assertThat(slowed).isEqualTo(Reply.privately("Slow down — you can use /likes again in 1 s."));
    assertThat(library.requests).isEmpty();
    time.advance(Duration.ofSeconds(2));
    assertThat(run(cooled, "count").onlyReply().content()).isEqualTo("You have 3 liked songs.");
  }
}
