package dev.likesbot.likes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likesbot.metrics.Metrics;
import dev.likesbot.spotify.SavedTrack;
import dev.likesbot.spotify.Track;
import dev.likesbot.store.StoredLink;
import dev.likesbot.testing.FakeAuth;
import dev.likesbot.testing.FakeLibrary;
import dev.likesbot.testing.FakeTime;
import dev.likesbot.testing.InMemoryShuffleStore;
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

class LikesServiceTest {
  private final FakeTime time = new FakeTime();
  private final InMemoryStore store = new InMemoryStore();
  private final FakeAuth auth = new FakeAuth();
  private final FakeLibrary library = new FakeLibrary();
  private final MemberTokens tokens = new MemberTokens(store, auth, time, time, Metrics.NONE);
  private final InMemoryShuffleStore shuffles = new InMemoryShuffleStore();
  private final LikesService service =
      new LikesService(tokens, library, shuffles, new Random(7), Duration.ofMinutes(1), time);

  LikesServiceTest() {
    store.save(
        new StoredLink(
            "42",
            "s",
            "Ada",
            "access-0",
            "refresh-0",
            time.instant().plus(Duration.ofHours(1)),
            time.instant()));
  }

  private static String name(LikesService.Pick pick) {
    return pick.song().flatMap(SavedTrack::track).map(Track::name).orElseThrow();
  }

  @Test
  void countIsOneRequestForTheFirstPage() {
    library.withSongs(1234);

    assertThat(service.count("42")).isEqualTo(1234);
    assertThat(library.requests).containsExactly("0:1:access-0");
  }

  @Test
  void unlinkingForgetsTheRememberedTotal() {
    library.withSongs(500);
    service.count("42");
    StoredLink link = store.links.get("42");

    tokens.forget("42");
    store.save(link);
    library.requests.clear();
    service.random("42");

    assertThat(library.requests).hasSize(2).first().isEqualTo("0:1:access-0");
  }

  private StoredLink otherAccount() {
    return new StoredLink(
        "42",
        "another-account",
        "Ada 2",
        "access-new",
        "refresh-new",
        time.instant().plus(Duration.ofHours(1)),
        time.instant());
  }

  @Test
  void relinkingToAnotherAccountForgetsTheRememberedTotal() {
    library.withSongs(500);
    service.count("42");

    tokens.put(otherAccount());
    library.requests.clear();
    service.random("42");

    assertThat(library.requests).hasSize(2).first().isEqualTo("0:1:access-new");
  }

  @Test
  void aRelinkOnAnotherInstanceForgetsTheRememberedTotalHere() {
    library.withSongs(500);
    service.count("42");

    store.save(otherAccount()); // another instance completed the login
    library.requests.clear();
    service.random("42");

    assertThat(library.requests).hasSize(2).first().isEqualTo("0:1:access-new");
  }

  @Test
  void randomReadsTheTotalThenOneSong() {
    library.withSongs(500);

    LikesService.Pick pick = service.random("42");

    assertThat(pick.total()).isEqualTo(500);
    assertThat(pick.round()).isEqualTo(1);
    assertThat(library.requests).hasSize(2).first().isEqualTo("0:1:access-0");
    int offset = Integer.parseInt(library.requests.get(1).split(":")[0]);
    assertThat(pick.song()).contains(library.tracks.get(offset));
  }

  @Test
  void randomAfterACountCostsOneRequest() {
    library.withSongs(500);
    service.count("42");
    library.requests.clear();

    service.random("42");

    assertThat(library.requests).singleElement().asString().endsWith(":1:access-0");
  }

  @Test
  void aStaleTotalIsReadAgain() {
    library.withSongs(500);
    service.random("42");
    time.advance(Duration.ofMinutes(2));
    library.requests.clear();

    service.random("42");

    assertThat(library.requests).hasSize(2).first().isEqualTo("0:1:access-0");
  }

  @Test
  void aMemberSeesEverySongOnceBeforeAnyRepeats() {
    library.withSongs(250);
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
    library.withSongs(100);
    List<String> firstRound = new ArrayList<>();
    List<String> secondRound = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      firstRound.add(name(service.random("42")));
    }
    for (int i = 0; i < 100; i++) {
      secondRound.add(name(service.random("42")));
    }

    List<String> libraryOrder = IntStream.range(0, 100).mapToObj(i -> "Song " + i).toList();
    assertThat(firstRound)
        .isNotEqualTo(libraryOrder)
        .containsExactlyInAnyOrderElementsOf(libraryOrder);
    assertThat(secondRound)
        .isNotEqualTo(firstRound)
        .containsExactlyInAnyOrderElementsOf(libraryOrder);
  }

  @Test
  void aChangedTotalStartsANewWalkOverTheNewLibrary() {
    library.withSongs(10);
    Set<String> shown = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      shown.add(name(service.random("42")));
    }
    library.tracks.add(0, FakeLibrary.song("Newly liked"));
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
    library.tracks.add(FakeLibrary.localFile("local.mp3"));
    library.tracks.add(new SavedTrack(Optional.empty(), Optional.empty()));
    library.tracks.add(FakeLibrary.unplayable("Withdrawn"));
    library.tracks.add(FakeLibrary.song("Real"));

    LikesService.Pick pick = service.random("42");

    assertThat(name(pick)).isEqualTo("Real");
    assertThat(library.requests).hasSizeLessThanOrEqualTo(1 + 4);
  }

  @Test
  void givesUpAfterBoundedPicksWhenNothingCanBeShown() {
    for (int i = 0; i < 30; i++) {
      library.tracks.add(FakeLibrary.localFile("local-" + i));
    }

    LikesService.Pick pick = service.random("42");

    assertThat(pick.song()).isEmpty();
    assertThat(pick.total()).isEqualTo(30);
    assertThat(library.requests).hasSize(1 + LikesService.MAX_PICKS);
  }

  @Test
  void anEmptyLibraryNeedsOnlyTheCount() {
    LikesService.Pick pick = service.random("42");

    assertThat(pick).isEqualTo(new LikesService.Pick(0, Optional.empty(), 0));
    assertThat(library.requests).hasSize(1);
  }

  @Test
  void aLibraryThatShrankBelowTheOffsetIsPickedAgainWithinTheNewTotal() {
    library.withSongs(10);
    service.count("42");
    library.tracks.subList(5, 10).clear();

    for (int i = 0; i < 5; i++) {
      LikesService.Pick pick = service.random("42");
      assertThat(pick.total()).isEqualTo(5);
      assertThat(library.tracks).contains(pick.song().orElseThrow());
    }
  }

  @Test
  void aListPageIsOneRequestOfTenNewestFirst() {
    library.withSongs(25);

    LikesService.Page page = service.list("42", 1);

    assertThat(library.requests).containsExactly("10:10:access-0");
    assertThat(page.total()).isEqualTo(25);
    assertThat(page.number()).isEqualTo(1);
    assertThat(page.pages()).isEqualTo(3);
    assertThat(page.songs()).containsExactlyElementsOf(library.tracks.subList(10, 20));
  }

  @Test
  void aPagePastTheEndShowsTheLastPage() {
    library.withSongs(25);

    LikesService.Page page = service.list("42", 9);

    assertThat(page.number()).isEqualTo(2);
    assertThat(page.songs()).containsExactlyElementsOf(library.tracks.subList(20, 25));
    assertThat(library.requests).containsExactly("90:10:access-0", "20:10:access-0");
  }

  @Test
  void aPagePastTheCachedEndCostsOneRequest() {
    library.withSongs(25);
    service.count("42");
    library.requests.clear();

    assertThat(service.list("42", 9).number()).isEqualTo(2);
    assertThat(library.requests).containsExactly("20:10:access-0");
  }

  @Test
  void anEmptyLibraryHasOnePageWithNoSongs() {
    LikesService.Page page = service.list("42", 0);

    assertThat(page.songs()).isEmpty();
    assertThat(page.pages()).isEqualTo(1);
  }

  @Test
  void aTokenRefusedBeforeItsExpiryIsRefreshedOnceAndTheRequestRepeated() {
    library.withSongs(3);
    library.refused.add("access-0");

    assertThat(service.count("42")).isEqualTo(3);
    assertThat(auth.refreshes).hasValue(1);
    assertThat(library.requests).containsExactly("0:1:access-0", "0:1:access-refreshed-1");
  }
}
