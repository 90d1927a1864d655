package dev.likesbot.testing;

import dev.likesbot.spotify.SpotifyAuth;
import dev.likesbot.spotify.SpotifyException;
import dev.likesbot.spotify.SpotifyTokens;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A scripted accounts service: codes map to tokens, refreshes are counted. */
public final class FakeAuth implements SpotifyAuth {
  public final Map<String, String> verifierByCode = new ConcurrentHashMap<>();
  public final AtomicInteger refreshes = new AtomicInteger();
  public volatile boolean rotate;
  public volatile SpotifyException failRefresh;
  public volatile SpotifyException failExchange;
  public volatile Duration lifetime = Duration.ofHours(1);

  /** Runs at the start of every refresh, e.g. as another instance acting meanwhile. */
  public volatile Runnable duringRefresh = () -> {};

  /** Slows refreshes so concurrent readers overlap. */
  public volatile Duration refreshDelay = Duration.ZERO;

  @Override
  public URI authorizeUri(String state, String codeChallenge) {
    return URI.create(
        "https://accounts.example/authorize?state=" + state + "&code_challenge=" + codeChallenge);
  }

  @Override
  public SpotifyTokens exchange(String code, String codeVerifier) {
    if (failExchange != null) {
      throw failExchange;
    }
    return new SpotifyTokens("access-" + code, Optional.of("refresh-" + code), lifetime);
  }

  @Override
  public SpotifyTokens refresh(String refreshToken) {
    duringRefresh.run();
    if (failRefresh != null) {
      throw failRefresh;
    }
    try {
      Thread.sleep(refreshDelay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    int n = refreshes.incrementAndGet();
    return new SpotifyTokens(
        "access-refreshed-" + n,
        rotate ? Optional.of("refresh-rotated-" + n) : Optional.empty(),
        lifetime);
  }
}
