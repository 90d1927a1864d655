package dev.likesbot.likes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likesbot.discord.CommandSpec;
import dev.likesbot.discord.InteractionPipeline;
import dev.likesbot.discord.LinkCheck;
import dev.likesbot.discord.MemberLimiter;
import dev.likesbot.discord.Reply;
import dev.likesbot.metrics.Metrics;
import dev.likesbot.spotify.SavedTrack;
import dev.likesbot.spotify.SpotifyException;
import dev.likesbot.spotify.Track;
import dev.likesbot.store.StoredLink;
import dev.likesbot.testing.FakeAuth;
import dev.likesbot.testing.FakeLibrary;
import dev.likesbot.testing.FakeTime;
import dev.likesbot.testing.InMemoryShuffleStore;
import dev.likesbot.testing.InMemoryStore;
import dev.likesbot.testing.RecordingCall;
import dev.likesbot.tokens.MemberTokens;
import dev.likesbot.tokens.NotLinkedException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LikesCommandTest {
  private final FakeTime time = new FakeTime();
  private final InMemoryStore store = new InMemoryStore();
  private final FakeAuth auth = new FakeAuth();
  private final FakeLibrary library = new FakeLibrary();
  private final MemberTokens tokens = new MemberTokens(store, auth, time, time, Metrics.NONE);
  private final LikesCommand command = new LikesCommand(service());
  private final LinkCheck links = new LinkCheck(tokens::isLinked, NotLinkedException.class);

  private LikesService service() {
    return new LikesService(
        tokens, library, new InMemoryShuffleStore(), new Random(1), Duration.ofMinutes(1), time);
  }

  private void link(String user) {
    store.save(
        new StoredLink(
            user, "s", "Ada", "a", "r", time.instant().plus(Duration.ofHours(1)), time.instant()));
  }

  /** Through the pipeline every command takes, with its checks, on this thread. */
  private RecordingCall run(RecordingCall call, MemberLimiter limiter) {
    new InteractionPipeline(List.of(command), links, Runnable::run, limiter, Metrics.NONE)
        .command("likes", "likes " + call.subcommand().orElse(""), untilReply -> call);
    return call;
  }

  private RecordingCall run(RecordingCall call) {
    return run(call, MemberLimiter.off());
  }

  private RecordingCall run(String sub) {
    return run(new RecordingCall("42", sub));
  }

  private RecordingCall runPrivately(String sub) {
    RecordingCall call = new RecordingCall("42", sub);
    call.options.put("private", true);
    return run(call);
  }

  @Test
  void countAndRandomKeepTheirNamesAndGainAPrivateOptionBesideList() {
    CommandSpec spec = command.spec();

    assertThat(spec.name()).isEqualTo("likes");
    assertThat(spec.subcommands())
        .extracting(CommandSpec.Subcommand::name)
        .containsExactly("count", "random", "list");
    assertThat(spec.subcommands())
        .allSatisfy(
            s ->
                assertThat(s.options())
                    .contains(
                        new CommandSpec.Option(
                            "private",
                            "Only you see the answer",
                            CommandSpec.Option.Type.BOOLEAN,
                            false)));
  }

  @Test
  void anUnlinkedMemberIsToldToLinkPrivatelyWithoutCallingSpotify() {
    RecordingCall call = run("count");

    assertThat(call.onlyReply())
        .isEqualTo(Reply.privately("Link your Spotify account first with /link."));
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
  void privateMakesCountAndRandomEphemeralFromTheStart() {
    link("42");
    library.withSongs(3);

    RecordingCall count = runPrivately("count");
    RecordingCall random = runPrivately("random");

    assertThat(count.deferredEphemeral).isTrue();
    assertThat(count.onlyReply()).isEqualTo(Reply.privately("You have 3 liked songs."));
    assertThat(random.deferredEphemeral).isTrue();
    assertThat(random.onlyReply().ephemeral()).isTrue();
    assertThat(random.onlyReply().buttons())
        .contains(new Reply.ActionButton("Another", "likes:another:42:private"));
  }

  @Test
  void countSaysOneSongAndNoSongsInPlainWords() {
    link("42");
    library.withSongs(1);
    assertThat(run("count").onlyReply().content()).isEqualTo("You have 1 liked song.");

    library.tracks.clear();
    assertThat(run("count").onlyReply().content()).isEqualTo("You have no liked songs yet.");
  }

  @Test
  void randomPostsACardWithAlbumDurationLikedDateAndThreeButtons() {
    link("42");
    library.withSongs(1);
    Track track = library.tracks.get(0).track().orElseThrow();

    Reply reply = run("random").onlyReply();

    assertThat(reply.ephemeral()).isFalse();
    Reply.Embed embed = reply.embed().orElseThrow();
    assertThat(embed.title()).isEqualTo("Song 0");
    assertThat(embed.description()).isEqualTo("by Artist");
    assertThat(embed.thumbnailUrl()).isEqualTo(track.imageUrl());
    assertThat(embed.url()).isEqualTo(track.url());
    assertThat(embed.fields())
        .containsExactly(
            new Reply.Embed.Field("Album", "Album", true),
            new Reply.Embed.Field("Duration", "3:00", true),
            new Reply.Embed.Field(
                "Liked",
                "<t:" + Instant.parse("2026-01-01T00:00:00Z").getEpochSecond() + ":D>",
                true));
    assertThat(embed.footer()).contains("Pick 1 of 1 · no repeats until you've seen them all");
    assertThat(reply.buttons())
        .containsExactly(
            new Reply.LinkButton("Open in Spotify", track.url().orElseThrow()),
            new Reply.LinkButton(
                "Search on YouTube", "https://www.youtube.com/results?search_query=Artist+Song+0"),
            new Reply.ActionButton("Another", "likes:another:42"));
  }

  @Test
  void namesAreEscapedSoTheyShowAsTyped() {
    link("42");
    library.tracks.add(
        new SavedTrack(
            Optional.of(
                new Track(
                    "*Bold* _move_",
                    List.of("DJ ~Tilde~", "A|B"),
                    "**Greatest** `Hits`",
                    Optional.empty(),
                    Optional.of("https://open.spotify.com/track/x"),
                    Duration.ofSeconds(3725),
                    false,
                    true)),
            Optional.empty()));

    Reply.Embed embed = run("random").onlyReply().embed().orElseThrow();

    assertThat(embed.title()).isEqualTo("\\*Bold\\* \\_move\\_");
    assertThat(embed.description()).isEqualTo("by DJ \\~Tilde\\~, A\\|B");
    assertThat(embed.fields())
        .containsExactly(
            new Reply.Embed.Field("Album", "\\*\\*Greatest\\*\\* \\`Hits\\`", true),
            new Reply.Embed.Field("Duration", "1:02:05", true));
  }

  @Test
  void theYouTubeLinkSearchesArtistAndTitleUrlEncoded() {
    Track track = FakeLibrary.song("Ça & co?").track().orElseThrow();

    assertThat(LikesReplies.youtube(track))
        .isEqualTo("https://www.youtube.com/results?search_query=Artist+%C3%87a+%26+co%3F");
  }

  @Test
  void listShowsTenNumberedSongsWithPageButtonsForTheCaller() {
    link("42");
    library.withSongs(25);
    RecordingCall call = new RecordingCall("42", "list");
    call.options.put("page", 2L);

    run(call);

    Reply reply = call.onlyReply();
    assertThat(reply.ephemeral()).isFalse();
    Reply.Embed embed = reply.embed().orElseThrow();
    assertThat(embed.description().lines()).hasSize(10);
    assertThat(embed.description().lines().findFirst().orElseThrow())
        .startsWith("11. [Song 10](https://open.spotify.com/track/")
        .endsWith(" — Artist · 3:00");
    assertThat(embed.footer()).contains("Page 2 of 3 · 25 songs, newest first");
    assertThat(reply.buttons())
        .containsExactly(
            new Reply.ActionButton("◀", "likes:prev:42:0", false),
            new Reply.ActionButton("▶", "likes:next:42:2", false));
    assertThat(library.requests).containsExactly("10:10:a");
  }

  @Test
  void theFirstAndLastPagesDisableTheButtonThatLeadsNowhere() {
    link("42");
    library.withSongs(5);

    Reply reply = run("list").onlyReply();

    assertThat(reply.embed().orElseThrow().footer())
        .contains("Page 1 of 1 · 5 songs, newest first");
    assertThat(reply.buttons())
        .containsExactly(
            new Reply.ActionButton("◀", "likes:prev:42:0", true),
            new Reply.ActionButton("▶", "likes:next:42:0", true));
  }

  @Test
  void aRevokedLinkAsksToLinkAgainPrivately() {
    store.save(new StoredLink("42", "s", "Ada", "a", "r", time.instant(), time.instant()));
    auth.failRefresh = new SpotifyException(SpotifyException.Reason.REVOKED, "invalid_grant");

    Reply reply = run("count").onlyReply();

    assertThat(reply)
        .isEqualTo(Reply.privately("Your Spotify link expired or was revoked — run /link again."));
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

    Reply trouble = Reply.privately("Spotify is having trouble — try again shortly.");
    assertThat(run("count").onlyReply()).isEqualTo(trouble);
    assertThat(run("list").onlyReply()).isEqualTo(trouble);
    assertThat(store.links).containsKey("42");
  }

  @Test
  void aSpotifyRejectionIsOurFailureInWordsWithTheDetailsKeptFromTheMember() {
    link("42");
    library.fail = new SpotifyException(SpotifyException.Reason.REJECTED, "HTTP 400 secret?");

    Reply reply = run("count").onlyReply();
    assertThat(reply.ephemeral()).isTrue();
    assertThat(reply.content())
        .matches(
            "Something went wrong talking to Spotify\\. Try again; if it keeps happening, tell"
                + " the bot's owner \\(error id [0-9A-Z]{8}\\)\\.");
  }

  @Test
  void everySubcommandCountsAgainstTheMemberLimitSinceEachCallsSpotify() {
    link("42");
    library.withSongs(3);
    MemberLimiter oneAMinute = new MemberLimiter(1, Duration.ofMinutes(1), Duration.ZERO, time);

    RecordingCall first = run(new RecordingCall("42", "count"), oneAMinute);
    RecordingCall second = run(new RecordingCall("42", "list"), oneAMinute);

    assertThat(first.onlyReply()).isEqualTo(Reply.publicly("You have 3 liked songs."));
    assertThat(second.onlyReply())
        .isEqualTo(Reply.privately("You're going fast — try again in 60 s."));
    assertThat(library.requests).hasSize(1);
  }
}
