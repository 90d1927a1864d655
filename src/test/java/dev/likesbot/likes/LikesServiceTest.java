package dev.likesbot.likes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likesbot.link.TokenCache;
import dev.likesbot.spotify.SavedTrack;
import dev.likesbot.store.StoredLink;
import dev.likesbot.testing.FakeAuth;
import dev.likesbot.testing.FakeLibrary;
import dev.likesbot.testing.FakeTime;
import dev.likesbot.testing.InMemoryStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class LikesServiceTest {
  private final FakeTime time = new FakeTime();
  private final InMemoryStore store = new InMemoryStore();
  private final FakeAuth auth = new FakeAuth();
  private final FakeLibrary library = new FakeLibrary();
  private final TokenCache tokens = new TokenCache(store, auth, time, time);

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

  /** A generator that returns the given values in order. */
  private static RandomGenerator pinned(int... values) {
    int[] next = {0};
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        throw new UnsupportedOperationException();
      }

      @Override
      public int nextInt(int bound) {
        int v = values[next[0]++];
        assertThat(v).isLessThan(bound);
        return v;
      }
    };
  }

  private LikesService service(RandomGenerator random) {
    return new LikesService(tokens, library, random, Duration.ofMinutes(1), time);
  }

  @Test
  void countIsOneRequestForTheFirstPage() {
    library.withSongs(1234);

    assertThat(service(new Random()).count("42")).isEqualTo(1234);
    assertThat(library.requests).containsExactly("0:1:access-0");
  }

  @Test
  void unlinkingForgetsTheRememberedTotal() {
    library.withSongs(500);
    LikesService likes = service(pinned(7));
    likes.count("42");
    StoredLink link = store.links.get("42");

    tokens.forget("42");
    store.save(link);
    library.requests.clear();
    likes.random("42");

    assertThat(library.requests).containsExactly("0:1:access-0", "7:1:access-0");
  }

  @Test
  void randomReadsTheTotalThenTheSongAtARandomOffset() {
    library.withSongs(500);

    LikesService.Pick pick = service(pinned(321)).random("42");

    assertThat(pick.song()).contains(library.tracks.get(321));
    assertThat(library.requests).containsExactly("0:1:access-0", "321:1:access-0");
  }

  @Test
  void randomAfterACountCostsOneRequest() {
    library.withSongs(500);
    LikesService service = service(pinned(7));
    service.count("42");
    library.requests.clear();

    service.random("42");

    assertThat(library.requests).containsExactly("7:1:access-0");
  }

  @Test
  void aStaleTotalIsReadAgain() {
    library.withSongs(500);
    LikesService service = service(pinned(7, 8));
    service.random("42");
    time.advance(Duration.ofMinutes(2));
    library.requests.clear();

    service.random("42");

    assertThat(library.requests).containsExactly("0:1:access-0", "8:1:access-0");
  }

  @Test
  void skipsLocalFilesAndRemovedTracks() {
    library.tracks.add(FakeLibrary.localFile("local.mp3"));
    library.tracks.add(new SavedTrack(java.util.Optional.empty(), java.util.Optional.empty()));
    library.tracks.add(FakeLibrary.song("Real"));

    LikesService.Pick pick = service(pinned(0, 1, 2)).random("42");

    assertThat(pick.song().flatMap(SavedTrack::track).map(t -> t.name())).contains("Real");
  }

  @Test
  void givesUpAfterBoundedPicksWhenNothingCanBeShown() {
    for (int i = 0; i < 3; i++) {
      library.tracks.add(FakeLibrary.localFile("local-" + i));
    }
    int[] offsets = new int[LikesService.MAX_PICKS];
    Arrays.fill(offsets, 1);

    LikesService.Pick pick = service(pinned(offsets)).random("42");

    assertThat(pick.song()).isEmpty();
    assertThat(pick.total()).isEqualTo(3);
    assertThat(library.requests).hasSize(1 + LikesService.MAX_PICKS);
  }

  @Test
  void anEmptyLibraryNeedsOnlyTheCount() {
    LikesService.Pick pick = service(pinned()).random("42");

    assertThat(pick).isEqualTo(new LikesService.Pick(0, java.util.Optional.empty()));
    assertThat(library.requests).hasSize(1);
  }

  @Test
  void aLibraryThatShrankBelowTheOffsetIsPickedAgainWithinTheNewTotal() {
    library.withSongs(10);
    LikesService service = service(pinned(9, 2));
    service.count("42");
    library.tracks.subList(5, 10).clear();

    LikesService.Pick pick = service.random("42");

    assertThat(pick.song()).contains(library.tracks.get(2));
    assertThat(pick.total()).isEqualTo(5);
  }

  @Test
  void aTokenRefusedBeforeItsExpiryIsRefreshedOnceAndTheRequestRepeated() {
    library.withSongs(3);
    library.refused.add("access-0");

    assertThat(service(new Random()).count("42")).isEqualTo(3);
    assertThat(auth.refreshes).hasValue(1);
    assertThat(library.requests).containsExactly("0:1:access-0", "0:1:access-refreshed-1");
  }
}
