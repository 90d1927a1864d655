package dev.likesbot.likes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likesbot.fake.spotify.FakeCatalog;
import dev.likesbot.fake.spotify.FakeSpotify;
import dev.likesbot.metrics.Metrics;
import dev.likesbot.spotify.SavedTrack;
import dev.likesbot.spotify.Track;
import dev.likesbot.spotify.webapi.SpotifyWire;
import dev.likesbot.spotify.webapi.WebApiSpotify;
import dev.likesbot.store.StoredLink;
import dev.likesbot.testing.FakeTime;
import dev.likesbot.testing.InMemoryStore;
import dev.likesbot.tokens.MemberTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LikesServiceTest {
  @RegisterExtension static final SpotifyWire wire = new SpotifyWire();
  private final FakeTime time = new FakeTime();
  private final WebApiSpotify spotify = wire.connect(time);
  private final FakeSpotify fake = wire.fake();
  private final InMemoryStore store = new InMemoryStore();
  private final MemberTokens tokens = new MemberTokens(store, spotify, time, time, Metrics.NONE);
  private final LikesService service =
      new LikesService(tokens, spotify, store, new Random(7), Duration.ofMinutes(1), time);

  LikesServiceTest() {
    store.save(wire.link("42", "ada", Duration.ofHours(1), time));
    fake.clearRequests();
  }

  private void likes(int songs) {
    fake.setLikedSongs("ada", FakeCatalog.likedSongs(songs));
  }

  private void likes(List<dev.likesbot.fake.spotify.SavedTrack> songs) {
    fake.setLikedSongs("ada", songs);
  }

  private List<dev.likesbot.fake.spotify.SavedTrack> liked() {
    return fake.user("ada").orElseThrow().tracks();
  }

  private List<String> likedNames() {
    return liked().stream().map(saved -> saved.track().name()).toList();
  }

  /** Each Liked Songs page the bot read, as "offset:limit:spotify account". */
  private List<String> pages() {
    return fake.requests().stream()
        .filter(r -> r.path().equals("/v1/me/tracks"))
        .map(
            r ->
                r.query().get("offset")
                    + ":"
                    + r.query().get("limit")
                    + ":"
                    + r.spotifyUserIdOrNull())
        .toList();
  }

  private static String name(LikesService.Pick pick) {
    return pick.song().flatMap(SavedTrack::track).map(Track::name).orElseThrow();
  }

  private static List<String> names(List<SavedTrack> songs) {
    return songs.stream().map(s -> s.track().orElseThrow().name()).toList();
  }

  @Test
  void countIsOneRequestForTheFirstPage() {
    likes(1234);

    assertThat(service.count("42")).isEqualTo(1234);
    assertThat(pages()).containsExactly("0:1:ada");
  }

  @Test
  void unlinkingForgetsTheRememberedTotal() {
    likes(500);
    service.count("42");
    StoredLink link = store.links.get("42");

    tokens.forget("42");
    store.save(link);
    fake.clearRequests();
    service.random("42");

    assertThat(pages()).hasSize(2).first().isEqualTo("0:1:ada");
  }

  private StoredLink otherAccount() {
    StoredLink link = wire.link("42", "ada-2", Duration.ofHours(1), time);
    fake.setLikedSongs("ada-2", FakeCatalog.likedSongs(500));
    return link;
  }

  @Test
  void relinkingToAnotherAccountForgetsTheRememberedTotal() {
    likes(500);
    service.count("42");

    tokens.put(otherAccount());
    fake.clearRequests();
    service.random("42");

    assertThat(pages()).hasSize(2).first().isEqualTo("0:1:ada-2");
  }

  @Test
  void aRelinkOnAnotherInstanceForgetsTheRememberedTotalHere() {
    likes(500);
    service.count("42");

    store.save(otherAccount()); // another instance completed the login
    fake.clearRequests();
    service.random("42");

    assertThat(pages()).hasSize(2).first().isEqualTo("0:1:ada-2");
  }

  @Test
  void aRelinkOnAnotherInstanceAfterTheTokenLeftTheCacheForgetsTheRememberedTotalHere() {
    // A token with 90 s left stays cached 30 s; the total is remembered for a minute.
    store.save(wire.link("42", "ada", Duration.ofSeconds(90), time));
    likes(500);
    service.count("42");
    time.advance(Duration.ofSeconds(31));

    store.save(otherAccount()); // another instance completed the login
    fake.clearRequests();
    service.random("42");

    assertThat(pages()).hasSize(2).first().isEqualTo("0:1:ada-2");
  }

  @Test
  void randomReadsTheTotalThenOneSong() {
    likes(500);

    LikesService.Pick pick = service.random("42");

    assertThat(pick.total()).isEqualTo(500);
    assertThat(pick.round()).isEqualTo(1);
    assertThat(pages()).hasSize(2).first().isEqualTo("0:1:ada");
    int offset = Integer.parseInt(pages().get(1).split(":")[0]);
    assertThat(name(pick)).isEqualTo(likedNames().get(offset));
  }

  @Test
  void randomAfterACountCostsOneRequest() {
    likes(500);
    service.count("42");
    fake.clearRequests();

    service.random("42");

    assertThat(pages()).singleElement().asString().endsWith(":1:ada");
  }

  @Test
  void aStaleTotalIsReadAgain() {
    likes(500);
    service.random("42");
    time.advance(Duration.ofMinutes(2));
    fake.clearRequests();

    service.random("42");

    assertThat(pages()).hasSize(2).first().isEqualTo("0:1:ada");
  }

  @Test
  void aMemberSeesEverySongOnceBeforeAnyRepeats() {
    likes(250);
    List<String> picks = new ArrayList<>();

    for (int i = 0; i < 250; i++) {
      picks.add(name(service.random("42")));
    }
    String firstOfTheNextRound = name(service.random("42"));

    assertThat(picks).doesNotHaveDuplicates().hasSize(250);
    assertThat(picks).contains(firstOfTheNextRound);
  }

  @Test
  void picksAreShuffledAndEachRoundHasANewOrder() {
    likes(100);
    List<String> firstRound = new ArrayList<>();
    List<String> secondRound = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      firstRound.add(name(service.random("42")));
    }
    for (int i = 0; i < 100; i++) {
      secondRound.add(name(service.random("42")));
    }

    List<String> libraryOrder = IntStream.rangeClosed(1, 100).mapToObj(i -> "Song " + i).toList();
    assertThat(firstRound)
        .isNotEqualTo(libraryOrder)
        .containsExactlyInAnyOrderElementsOf(libraryOrder);
    assertThat(secondRound)
        .isNotEqualTo(firstRound)
        .containsExactlyInAnyOrderElementsOf(libraryOrder);
  }

  @Test
  void aChangedTotalStartsANewWalkOverTheNewLibrary() {
    likes(10);
    Set<String> shown = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      shown.add(name(service.random("42")));
    }
    List<dev.likesbot.fake.spotify.SavedTrack> more = new ArrayList<>(liked());
    more.add(
        0,
        dev.likesbot.fake.spotify.SavedTrack.of(time.instant(), FakeCatalog.song("Newly liked")));
    likes(more);
    time.advance(Duration.ofMinutes(2));

    List<String> next = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      LikesService.Pick pick = service.random("42");
      assertThat(pick.total()).isEqualTo(11);
      next.add(name(pick));
    }

    assertThat(next).doesNotHaveDuplicates().contains("Newly liked");
  }

  @Test
  void skipsLocalFilesRemovedAndUnplayableTracksWithoutShowingThemLater() {
    likes(
        List.of(
            dev.likesbot.fake.spotify.SavedTrack.of(
                time.instant(), FakeCatalog.localFile("local.mp3")),
            dev.likesbot.fake.spotify.SavedTrack.unavailable(time.instant()),
            dev.likesbot.fake.spotify.SavedTrack.of(
                time.instant(), FakeCatalog.song("Withdrawn").withPlayable(false)),
            dev.likesbot.fake.spotify.SavedTrack.of(time.instant(), FakeCatalog.song("Real"))));

    LikesService.Pick pick = service.random("42");

    assertThat(name(pick)).isEqualTo("Real");
    assertThat(pages()).hasSizeLessThanOrEqualTo(1 + 4);
  }

  @Test
  void givesUpAfterBoundedPicksWhenNothingCanBeShown() {
    List<dev.likesbot.fake.spotify.SavedTrack> locals = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      locals.add(
          dev.likesbot.fake.spotify.SavedTrack.of(
              time.instant(), FakeCatalog.localFile("local-" + i)));
    }
    likes(locals);

    LikesService.Pick pick = service.random("42");

    assertThat(pick.song()).isEmpty();
    assertThat(pick.total()).isEqualTo(30);
    assertThat(pages()).hasSize(1 + LikesService.MAX_PICKS);
  }

  @Test
  void anEmptyLibraryNeedsOnlyTheCount() {
    LikesService.Pick pick = service.random("42");

    assertThat(pick).isEqualTo(new LikesService.Pick(0, Optional.empty(), 0));
    assertThat(pages()).hasSize(1);
  }

  @Test
  void aLibraryThatShrankBelowTheOffsetIsPickedAgainWithinTheNewTotal() {
    likes(10);
    service.count("42");
    likes(5);

    for (int i = 0; i < 5; i++) {
      LikesService.Pick pick = service.random("42");
      assertThat(pick.total()).isEqualTo(5);
      assertThat(likedNames()).contains(name(pick));
    }
  }

  @Test
  void aListPageIsOneRequestOfTenNewestFirst() {
    likes(25);

    LikesService.Page page = service.list("42", 1);

    assertThat(pages()).containsExactly("10:10:ada");
    assertThat(page.total()).isEqualTo(25);
    assertThat(page.number()).isEqualTo(1);
    assertThat(page.pages()).isEqualTo(3);
    assertThat(names(page.songs())).containsExactlyElementsOf(likedNames().subList(10, 20));
  }

  @Test
  void aPagePastTheEndShowsTheLastPage() {
    likes(25);

    LikesService.Page page = service.list("42", 9);

    assertThat(page.number()).isEqualTo(2);
    assertThat(names(page.songs())).containsExactlyElementsOf(likedNames().subList(20, 25));
    assertThat(pages()).containsExactly("90:10:ada", "20:10:ada");
  }

  @Test
  void aPagePastTheCachedEndCostsOneRequest() {
    likes(25);
    service.count("42");
    fake.clearRequests();

    assertThat(service.list("42", 9).number()).isEqualTo(2);
    assertThat(pages()).containsExactly("20:10:ada");
  }

  @Test
  void anEmptyLibraryHasOnePageWithNoSongs() {
    LikesService.Page page = service.list("42", 0);

    assertThat(page.songs()).isEmpty();
    assertThat(page.pages()).isEqualTo(1);
  }

  @Test
  void aTokenRefusedBeforeItsExpiryIsRefreshedOnceAndTheRequestRepeated() {
    likes(3);
    fake.expireAccessTokens("ada");

    assertThat(service.count("42")).isEqualTo(3);
    assertThat(fake.tokenRefreshes("ada")).isEqualTo(1);
    assertThat(fake.requests())
        .filteredOn(r -> r.path().equals("/v1/me/tracks"))
        .extracting(r -> r.query().get("offset") + ":" + r.query().get("limit") + ":" + r.status())
        .containsExactly("0:1:401", "0:1:200");
  }
}
