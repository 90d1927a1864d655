package dev.likesbot.fake.spotify;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Authorization codes and tokens the fake issued, with their lifecycle. Thread-safe: codes are
 * consumed with one atomic remove and token states change by compare-and-set, so two concurrent
 * uses of the same code or rotated refresh token cannot both succeed.
 */
final class TokenRegistry {

  enum State {
    ACTIVE,
    EXPIRED,
    ROTATED,
    REVOKED
  }

  record IssuedCode(
      String userId, String redirectUri, String challenge, String scope, Instant expiresAt) {}

  /** {@code userId} is null for a client-credentials (app) token. */
  record AccessToken(
      String userId, Set<String> scopes, Instant expiresAt, AtomicReference<State> state) {}

  /** {@code pkce}: issued to a public client, so refreshing it needs no client secret. */
  record RefreshToken(String userId, String scope, boolean pkce, AtomicReference<State> state) {}

  enum Check {
    VALID,
    UNKNOWN,
    EXPIRED,
    REVOKED
  }

  record AccessCheck(Check outcome, AccessToken token) {}

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final InstantSource clock;
  private final Map<String, IssuedCode> codes = new ConcurrentHashMap<>();
  private final Set<String> usedCodes = ConcurrentHashMap.newKeySet();
  private final Map<String, AccessToken> accessTokens = new ConcurrentHashMap<>();
  private final Map<String, RefreshToken> refreshTokens = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> refreshes = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> exchanges = new ConcurrentHashMap<>();
  private volatile Duration accessTokenLifetime = Duration.ofHours(1);
  private volatile Duration codeLifetime = Duration.ofMinutes(10);
  private volatile boolean rotateRefreshTokens;

  TokenRegistry(InstantSource clock) {
    this.clock = clock;
  }

  Instant now() {
    return clock.instant();
  }

  /** Forgets every code and token and goes back to the default lifetimes, without rotation. */
  void reset() {
    codes.clear();
    usedCodes.clear();
    accessTokens.clear();
    refreshTokens.clear();
    refreshes.clear();
    exchanges.clear();
    accessTokenLifetime = Duration.ofHours(1);
    codeLifetime = Duration.ofMinutes(10);
    rotateRefreshTokens = false;
  }

  void accessTokenLifetime(Duration lifetime) {
    this.accessTokenLifetime = lifetime;
  }

  void codeLifetime(Duration lifetime) {
    this.codeLifetime = lifetime;
  }

  void rotateRefreshTokens(boolean rotate) {
    this.rotateRefreshTokens = rotate;
  }

  boolean rotatesRefreshTokens() {
    return rotateRefreshTokens;
  }

  /** The expires_in to announce, matching the expiry the fake enforces. */
  long expiresInSeconds() {
    return accessTokenLifetime.toSeconds();
  }

  String issueCode(String userId, String redirectUri, String challenge, String scope) {
    String code = randomToken("AQ", 192);
    codes.put(
        code, new IssuedCode(userId, redirectUri, challenge, scope, now().plus(codeLifetime)));
    return code;
  }

  /** Removes the code so it works once; null when unknown or already used. */
  IssuedCode consumeCode(String code) {
    IssuedCode issued = codes.remove(code);
    if (issued != null) {
      usedCodes.add(code);
    }
    return issued;
  }

  boolean wasUsed(String code) {
    return usedCodes.contains(code);
  }

  String issueAccessToken(String userId, String scope) {
    String token = randomToken("BQ", 150);
    accessTokens.put(
        token,
        new AccessToken(
            userId,
            scopes(scope),
            now().plus(accessTokenLifetime),
            new AtomicReference<>(State.ACTIVE)));
    return token;
  }

  String issueRefreshToken(String userId, String scope, boolean pkce) {
    String token = randomToken("AQ", 96);
    refreshTokens.put(
        token, new RefreshToken(userId, scope, pkce, new AtomicReference<>(State.ACTIVE)));
    return token;
  }

  RefreshToken refreshToken(String token) {
    return refreshTokens.get(token);
  }

  AccessCheck check(String accessToken) {
    AccessToken token = accessTokens.get(accessToken);
    if (token == null) {
      return new AccessCheck(Check.UNKNOWN, null);
    }
    return switch (token.state().get()) {
      case REVOKED -> new AccessCheck(Check.REVOKED, token);
      case EXPIRED -> new AccessCheck(Check.EXPIRED, token);
      default ->
          now().isBefore(token.expiresAt())
              ? new AccessCheck(Check.VALID, token)
              : new AccessCheck(Check.EXPIRED, token);
    };
  }

  /** Who a bearer token belongs to, for the request log only: no validation. */
  String userOf(String accessToken) {
    AccessToken token = accessToken == null ? null : accessTokens.get(accessToken);
    return token == null ? null : token.userId();
  }

  /** Every code and token this fake ever handed out, spent or not (for leak checks). */
  java.util.Set<String> everIssued() {
    java.util.Set<String> all = new java.util.HashSet<>(usedCodes);
    all.addAll(codes.keySet());
    all.addAll(accessTokens.keySet());
    all.addAll(refreshTokens.keySet());
    return all;
  }

  void expireAccessTokens(String userId) {
    accessTokens.values().stream()
        .filter(token -> userId.equals(token.userId()))
        .forEach(token -> token.state().compareAndSet(State.ACTIVE, State.EXPIRED));
  }

  void revoke(String userId) {
    accessTokens.values().stream()
        .filter(token -> userId.equals(token.userId()))
        .forEach(token -> token.state().set(State.REVOKED));
    refreshTokens.values().stream()
        .filter(token -> userId.equals(token.userId()))
        .forEach(token -> token.state().set(State.REVOKED));
  }

  /** Every access and refresh token ever issued to this user, whatever its state. */
  Set<String> tokensOf(String userId) {
    Set<String> all = new LinkedHashSet<>();
    accessTokens.forEach(
        (token, t) -> {
          if (userId.equals(t.userId())) {
            all.add(token);
          }
        });
    refreshTokens.forEach(
        (token, t) -> {
          if (userId.equals(t.userId())) {
            all.add(token);
          }
        });
    return all;
  }

  void countExchange(String userId) {
    exchanges.computeIfAbsent(userId, id -> new AtomicInteger()).incrementAndGet();
  }

  void countRefresh(String userId) {
    refreshes.computeIfAbsent(userId, id -> new AtomicInteger()).incrementAndGet();
  }

  int exchanges(String userId) {
    AtomicInteger count = exchanges.get(userId);
    return count == null ? 0 : count.get();
  }

  int refreshes(String userId) {
    AtomicInteger count = refreshes.get(userId);
    return count == null ? 0 : count.get();
  }

  /** RFC 7636 S256: BASE64URL(SHA256(ASCII(code_verifier))) without padding. */
  static String s256(String verifier) {
    return BASE64URL.encodeToString(FakeCatalog.sha256(verifier));
  }

  /** Opaque tokens shaped like Spotify's: a two-letter prefix and long base64url. */
  static String randomToken(String prefix, int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return prefix + BASE64URL.encodeToString(random);
  }

  static Set<String> scopes(String scope) {
    if (scope == null || scope.isBlank()) {
      return Set.of();
    }
    return Collections.unmodifiableSet(
        new LinkedHashSet<>(Arrays.asList(scope.trim().split("\\s+"))));
  }
}
