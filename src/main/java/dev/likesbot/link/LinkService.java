package dev.likesbot.link;

import dev.likesbot.discord.DirectMessenger;
import dev.likesbot.discord.Markdown;
import dev.likesbot.discord.Reply;
import dev.likesbot.spotify.SpotifyAuth;
import dev.likesbot.spotify.SpotifyException;
import dev.likesbot.spotify.SpotifyLibrary;
import dev.likesbot.spotify.SpotifyProfile;
import dev.likesbot.spotify.SpotifyTokens;
import dev.likesbot.store.PendingLink;
import dev.likesbot.store.PendingLinkStore;
import dev.likesbot.store.StoredLink;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts a link (a single-use state bound to the member) and completes it at the callback. */
public final class LinkService {
  private static final Logger log = LoggerFactory.getLogger(LinkService.class);
  static final Duration STATE_LIFETIME = Duration.ofMinutes(10);

  static final String CANCELLED = "Link cancelled — run /link to try again.";
  static final String NO_STATE =
      "This page needs the link from /link: run /link in Discord and use the button it sends you.";
  static final String UNKNOWN_STATE =
      "This login link is unknown or was already used — run /link to get a new one.";
  static final String EXPIRED_STATE = "This login link expired — run /link to get a new one.";
  static final String NO_CODE = "Spotify sent no login code — run /link to try again.";

  private final PendingLinkStore pending;
  private final TokenCache tokens;
  private final SpotifyAuth auth;
  private final SpotifyLibrary library;
  private final DirectMessenger messenger;
  private final SecureRandom random;
  private final InstantSource clock;

  public LinkService(
      PendingLinkStore pending,
      TokenCache tokens,
      SpotifyAuth auth,
      SpotifyLibrary library,
      DirectMessenger messenger,
      SecureRandom random,
      InstantSource clock) {
    this.pending = pending;
    this.tokens = tokens;
    this.auth = auth;
    this.library = library;
    this.messenger = messenger;
    this.random = random;
    this.clock = clock;
  }

  /** A fresh Spotify login URL for the member; it works once, for 10 minutes. */
  public URI start(String discordUserId) {
    byte[] bytes = new byte[32]; // 256 bits
    random.nextBytes(bytes);
    String state = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Pkce pkce = Pkce.generate(random);
    pending.put(
        new PendingLink(
            state, discordUserId, pkce.verifier(), clock.instant().plus(STATE_LIFETIME)));
    return auth.authorizeUri(state, pkce.challenge());
  }

  /** The member's current link, if any, as stored. */
  public Optional<StoredLink> current(String discordUserId) {
    return tokens.current(discordUserId);
  }

  /** Forgets the member; false when there was nothing to forget. */
  public boolean unlink(String discordUserId) {
    return tokens.forget(discordUserId);
  }

  /**
   * Completes a link from the callback's parameters (any may be null). The state is spent whatever
   * happens, so a callback URL cannot be replayed.
   */
  public LinkOutcome complete(String code, String state, String error) {
    if (state == null || state.isBlank()) {
      return new LinkOutcome.Refused(400, NO_STATE);
    }
    Optional<PendingLink> taken = pending.take(state);
    if (error != null && !error.isBlank()) {
      return new LinkOutcome.Refused(
          400,
          error.equals("access_denied")
              ? CANCELLED
              : "Spotify could not log you in — run /link to try again.");
    }
    if (taken.isEmpty()) {
      return new LinkOutcome.Refused(400, UNKNOWN_STATE);
    }
    PendingLink link = taken.get();
    if (!clock.instant().isBefore(link.expiresAt())) {
      return new LinkOutcome.Refused(400, EXPIRED_STATE);
    }
    if (code == null || code.isBlank()) {
      return new LinkOutcome.Refused(400, NO_CODE);
    }
    try {
      return linked(link.discordUserId(), auth.exchange(code, link.codeVerifier()));
    } catch (SpotifyException e) {
      log.warn("Link for user {} failed: {}", link.discordUserId(), e.getMessage());
      return refused(e);
    }
  }

  private LinkOutcome linked(String discordUserId, SpotifyTokens granted) {
    SpotifyProfile profile = library.profile(granted.accessToken());
    Instant now = clock.instant();
    tokens.put(
        new StoredLink(
            discordUserId,
            profile.id(),
            profile.displayName(),
            granted.accessToken(),
            granted.refreshToken().orElseThrow(),
            now.plus(granted.expiresIn()),
            now));
    log.info("User {} linked a Spotify account", discordUserId);
    messenger
        .send(
            discordUserId,
            Reply.privately(
                "Linked as " + Markdown.escape(profile.displayName()) + ". Not you? Use /unlink."))
        .whenComplete(
            (delivery, e) -> {
              if (e != null) {
                log.warn("Could not DM user {} about their link: {}", discordUserId, e.toString());
              }
            });
    return new LinkOutcome.Linked(discordUserId, profile.displayName());
  }

  private static LinkOutcome refused(SpotifyException e) {
    return switch (e.reason()) {
      case UNAVAILABLE, RATE_LIMITED, QUOTA_EXCEEDED ->
          new LinkOutcome.Refused(
              503, "Spotify is having trouble right now — run /link again in a minute.");
      case FORBIDDEN ->
          new LinkOutcome.Refused(
              403,
              "Spotify refused this account. The bot's operator must add your Spotify e-mail to"
                  + " the app's users in the Spotify developer dashboard.");
      default ->
          new LinkOutcome.Refused(
              400, "Spotify did not accept this login (it may have expired) — run /link again.");
    };
  }
}
