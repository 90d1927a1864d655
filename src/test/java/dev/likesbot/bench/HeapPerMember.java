package dev.likesbot.bench;

import dev.likesbot.likes.LikesService;
import dev.likesbot.metrics.Metrics;
import dev.likesbot.spotify.SpotifyAuth;
import dev.likesbot.spotify.SpotifyException;
import dev.likesbot.spotify.SpotifyLibrary;
import dev.likesbot.spotify.SpotifyProfile;
import dev.likesbot.spotify.SpotifyTokens;
import dev.likesbot.spotify.TrackPage;
import dev.likesbot.store.ShufflePosition;
import dev.likesbot.store.StoredLink;
import dev.likesbot.store.TokenStore;
import dev.likesbot.testing.FakeTime;
import dev.likesbot.tokens.MemberTokens;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import javax.management.ObjectName;

/**
 * Heap the bot's in-memory caches hold per linked member, measured with the JVM's class histogram
 * (the {@code GC.class_histogram} diagnostic command, which runs a full GC first): the live heap
 * with {@code n} members in {@link MemberTokens} and the {@link LikesService} total cache, minus
 * the live heap with the caches empty, divided by {@code n}. The store answers with fresh objects
 * of realistic sizes (Spotify access tokens are ~300 characters, refresh tokens ~130), as the
 * SQLite store does, so the cache owns what it holds.
 */
final class HeapPerMember {
  /** Bytes per member in all, and the classes that make them up, largest first. */
  record Result(int members, long bytesPerMember, Map<String, Long> perClass) {}

  private HeapPerMember() {}

  static Result measure(int members) throws Exception {
    FakeTime time = new FakeTime();
    TokenStore store = new GeneratingStore(time);
    MemberTokens tokens = new MemberTokens(store, new RefusingAuth(), time, time, Metrics.NONE);
    LikesService likes =
        new LikesService(
            tokens,
            new TotalsOnly(),
            (user, total, seed) -> new ShufflePosition(seed, 0),
            new Random(1),
            Duration.ofSeconds(60),
            time);
    List<String> users = new ArrayList<>(members);
    for (int i = 0; i < members; i++) {
      users.add(Long.toString(310_000_000_000_000_000L + i));
    }
    Map<String, long[]> before = histogram();
    for (String user : users) {
      tokens.call(user, token -> token);
      likes.count(user);
    }
    Map<String, long[]> after = histogram();
    Reference.reachabilityFence(tokens);
    Reference.reachabilityFence(likes);

    Map<String, Long> perClass = new LinkedHashMap<>();
    long total = 0;
    List<Map.Entry<String, Long>> grown = new ArrayList<>();
    for (Map.Entry<String, long[]> e : after.entrySet()) {
      long delta = e.getValue()[1] - before.getOrDefault(e.getKey(), new long[2])[1];
      total += delta;
      grown.add(Map.entry(e.getKey(), delta));
    }
    grown.sort(Map.Entry.<String, Long>comparingByValue().reversed());
    for (Map.Entry<String, Long> e : grown.subList(0, Math.min(8, grown.size()))) {
      perClass.put(e.getKey(), Math.round(e.getValue() / (double) members));
    }
    return new Result(members, Math.round(total / (double) members), perClass);
  }

  /** Class name to {instances, bytes} of the live heap, after a full GC. */
  private static Map<String, long[]> histogram() throws Exception {
    String text =
        (String)
            ManagementFactory.getPlatformMBeanServer()
                .invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "gcClassHistogram",
                    new Object[] {null},
                    new String[] {String[].class.getName()});
    Map<String, long[]> classes = new HashMap<>();
    for (String line : text.split("\n")) {
      String[] parts = line.strip().split("\\s+");
      if (parts.length >= 4 && parts[0].endsWith(":")) {
        classes.merge(
            parts[3],
            new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])},
            (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
      }
    }
    return classes;
  }

  /** Builds each member's link on demand, as new objects, like a database read. */
  private static final class GeneratingStore implements TokenStore {
    private final FakeTime time;
    private final Random random = new Random(7);

    GeneratingStore(FakeTime time) {
      this.time = time;
    }

    private String chars(int n) {
      StringBuilder s = new StringBuilder(n);
      for (int i = 0; i < n; i++) {
        s.append((char) ('A' + random.nextInt(26)));
      }
      return s.toString();
    }

    @Override
    public Optional<StoredLink> find(String discordUserId) {
      return Optional.of(
          new StoredLink(
              discordUserId,
              chars(25),
              "Member " + discordUserId.substring(14),
              "BQ" + chars(298),
              "AQ" + chars(129),
              time.instant().plus(Duration.ofHours(1)),
              time.instant()));
    }

    @Override
    public OptionalLong version(String discordUserId) {
      return OptionalLong.of(0);
    }

    @Override
    public StoredLink save(StoredLink link) {
      return link;
    }

    @Override
    public Optional<StoredLink> update(StoredLink refreshed) {
      return Optional.of(refreshed.withVersion(refreshed.version() + 1));
    }

    @Override
    public boolean delete(String discordUserId) {
      return false;
    }

    @Override
    public boolean deleteIfUnchanged(StoredLink read) {
      return false;
    }

    @Override
    public void ping() {}
  }

  private static final class RefusingAuth implements SpotifyAuth {
    @Override
    public URI authorizeUri(String state, String codeChallenge) {
      throw new UnsupportedOperationException();
    }

    @Override
    public SpotifyTokens exchange(String code, String codeVerifier) {
      throw new UnsupportedOperationException();
    }

    @Override
    public SpotifyTokens refresh(String refreshToken) {
      throw new SpotifyException(SpotifyException.Reason.UNAVAILABLE, "not in the benchmark");
    }
  }

  /** Answers every count with a distinct total above the JVM's small-Integer cache. */
  private static final class TotalsOnly implements SpotifyLibrary {
    private int next = 1_000;

    @Override
    public SpotifyProfile profile(String accessToken) {
      throw new UnsupportedOperationException();
    }

    @Override
    public TrackPage savedTracks(String accessToken, int offset, int limit) {
      return new TrackPage(next++, offset, List.of());
    }
  }
}
