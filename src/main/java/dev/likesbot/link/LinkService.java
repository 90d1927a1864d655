package dev.likesbot.link;

import dev.likesbot.spotify.SpotifyAuth;
import dev.likesbot.spotify.SpotifyException;
import dev.likesbot.spotify.SpotifyLibrary;
import dev.likesbot.spotify.SpotifyProfile;
import dev.likesbot.spotify.SpotifyTokens;
import dev.likesbot.store.PendingLink;
import dev.likesbot.store.PendingLinkStore;
import dev.likesbot.store.StoredLink;
import dev.likesbot.tokens.MemberTokens;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a link (a single-use state bound to the member) and completes it at the callback, or from
 * the address the member pasted back where the callback is loopback. Answers in outcomes ({@link
 * LoginStep}, {@link LinkOutcome}); pages, status codes and messages are made by the web server and
 * the Discord side.
 */
public final class LinkService {
  private static final Logger log = LoggerFactory.getLogger(LinkService.class);
  static final Duration STATE_LIFETIME = Duration.ofMinutes(10);

  private final PendingLinkStore pending;
  private final MemberTokens tokens;
  private final SpotifyAuth auth;
  private final SpotifyLibrary library;
  private final Consumer<LinkOutcome.Linked> onLinked;
  private final SecureRandom random;
  private final InstantSource clock;
  private final Optional<Function<String, URI>> loginPage;
  private final Consumer<String> onAccountRefused;
  private final Consumer<String> onEndedUnlinked;
  private final BooleanSupplier onQuotaExceeded;

  /**
   * @param onLinked told of every completed link (to DM the member); must not block
   * @param onAccountRefused told the Discord user id of each member whose Spotify account Spotify
   *     refused (403: not among the app's users), so the bot's owner can add it; must not block
   * @param onEndedUnlinked told the Discord user id of each member whose login state was spent
   *     without a link (cancelled, refused, failed), at the callback or by a paste, so the login
   *     messages stop offering it; must not block
   * @param onQuotaExceeded told when Spotify refused a callback's login because the app's request
   *     quota is used up, so the bot's owner hears of it; answers whether they have been told (the
   *     page says so only then); must not block. A paste's quota failure is thrown instead, for the
   *     Discord side's error replies to tell the owner.
   * @param loginPage the bot's own login page for a state, for a public redirect URI: the login
   *     link opens it, and a callback completes only in the browser that pressed its Continue.
   *     Empty for a loopback redirect URI, which only browsers on the bot's machine reach.
   */
  public LinkService(
      PendingLinkStore pending,
      MemberTokens tokens,
      SpotifyAuth auth,
      SpotifyLibrary library,
      Consumer<LinkOutcome.Linked> onLinked,
      Consumer<String> onAccountRefused,
      Consumer<String> onEndedUnlinked,
      BooleanSupplier onQuotaExceeded,
      SecureRandom random,
      InstantSource clock,
      Optional<Function<String, URI>> loginPage) {
    this.loginPage = loginPage;
    this.pending = pending;
    this.tokens = tokens;
    this.auth = auth;
    this.library = library;
    this.onLinked = onLinked;
    this.onAccountRefused = onAccountRefused;
    this.onEndedUnlinked = onEndedUnlinked;
    this.onQuotaExceeded = onQuotaExceeded;
    this.random = random;
    this.clock = clock;
  }

  /**
   * A fresh login link for the member; it works once, for 10 minutes: the bot's login page where
   * the redirect URI is public, else Spotify's. Both pages name the member (display name and
   * username), so whoever opens a forwarded link sees whose link it is.
   */
  public URI start(String discordUserId, String discordName, String discordHandle) {
    String state = randomToken(32); // 256 bits
    Pkce pkce = Pkce.generate(random);
    pending.put(
        new PendingLink(
            state,
            discordUserId,
            pkce.verifier(),
            clock.instant().plus(STATE_LIFETIME),
            shortened(discordName),
            shortened(discordHandle),
            Optional.empty()));
    return loginPage.isPresent()
        ? loginPage.get().apply(state)
        : auth.authorizeUri(state, pkce.challenge());
  }

  /** What the login page shows for {@code state}; reads it without binding or spending it. */
  public LoginStep confirm(String state) {
    Optional<LoginStep.Unusable> refused = unusable(state);
    if (refused.isPresent()) {
      return refused.get();
    }
    PendingLink link = pending.peek(state).orElseThrow();
    return new LoginStep.Confirm(link.discordName(), link.discordHandle());
  }

  /**
   * The login page's Continue: binds the state to a fresh nonce for the pressing browser to keep,
   * and returns Spotify's login for it. Pressed again (the same or another browser), the latest
   * binding wins; the page warned whoever pressed it whose link this is.
   */
  public LoginStep proceed(String state) {
    Optional<LoginStep.Unusable> refused = unusable(state);
    if (refused.isPresent()) {
      return refused.get();
    }
    PendingLink link = pending.peek(state).orElseThrow();
    String nonce = randomToken(32);
    if (!pending.bindBrowser(state, nonce)) {
      return LoginStep.Unusable.UNKNOWN_STATE; // taken meanwhile
    }
    return new LoginStep.ToSpotify(
        auth.authorizeUri(state, Pkce.challengeOf(link.codeVerifier())), nonce);
  }

  private Optional<LoginStep.Unusable> unusable(String state) {
    Optional<PendingLink> link =
        state == null || state.isBlank() ? Optional.empty() : pending.peek(state);
    if (link.isEmpty()) {
      return Optional.of(LoginStep.Unusable.UNKNOWN_STATE);
    }
    if (!clock.instant().isBefore(link.get().expiresAt())) {
      return Optional.of(LoginStep.Unusable.EXPIRED);
    }
    return Optional.empty();
  }

  private String randomToken(int bytes) {
    byte[] random = new byte[bytes];
    this.random.nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  private static String shortened(String name) {
    return name.length() > 100 ? name.substring(0, 100) : name;
  }

  /**
   * Completes a link from the callback's parameters (any may be null). The state is spent whatever
   * happens, so a callback URL cannot be replayed. With a login page, the code is exchanged only
   * when {@code browserNonce} (from the browser's cookie) is the one its Continue handed out; any
   * other browser's callback is refused and spends the state too, so the code it carries is
   * worthless even if that callback URL is passed on to the member whose link it was.
   */
  public LinkOutcome complete(String code, String state, String error, String browserNonce) {
    if (state == null || state.isBlank()) {
      return LinkOutcome.Refused.NO_STATE;
    }
    Optional<PendingLink> taken = pending.take(state);
    LinkOutcome outcome = null;
    try {
      outcome = completeTaken(taken, code, error, browserNonce);
      return outcome;
    } finally {
      if (taken.isPresent()) {
        endedUnlessLinked(taken.get(), outcome);
      }
    }
  }

  private LinkOutcome completeTaken(
      Optional<PendingLink> taken, String code, String error, String browserNonce) {
    if (loginPage.isPresent()
        && taken.isPresent()
        && !taken.get().boundTo(browserNonce)
        && clock.instant().isBefore(taken.get().expiresAt())) {
      log.warn(
          "A Spotify login of user {} came back to a browser that did not start it; refused",
          taken.get().discordUserId());
      return LinkOutcome.Refused.NOT_THIS_BROWSER;
    }
    if (error != null && !error.isBlank()) {
      return error.equals("access_denied")
          ? LinkOutcome.Refused.CANCELLED
          : LinkOutcome.Refused.SPOTIFY_ERROR;
    }
    if (taken.isEmpty()) {
      return LinkOutcome.Refused.UNKNOWN_STATE;
    }
    PendingLink link = taken.get();
    if (!clock.instant().isBefore(link.expiresAt())) {
      return LinkOutcome.Refused.EXPIRED;
    }
    if (code == null || code.isBlank()) {
      return LinkOutcome.Refused.NO_CODE;
    }
    try {
      return linked(link, auth.exchange(code, link.codeVerifier()), true);
    } catch (SpotifyException e) {
      log.warn("Link for user {} failed: {}", link.discordUserId(), e.getMessage());
      if (e.reason() == SpotifyException.Reason.QUOTA_EXCEEDED) {
        return onQuotaExceeded.getAsBoolean()
            ? LinkOutcome.Refused.QUOTA_EXCEEDED_OWNER_TOLD
            : LinkOutcome.Refused.QUOTA_EXCEEDED;
      }
      LinkOutcome refused = refused(e);
      if (refused == LinkOutcome.Refused.ACCOUNT_NOT_ALLOWED) {
        onAccountRefused.accept(link.discordUserId());
      }
      return refused;
    }
  }

  /**
   * A spent state that did not link (a refusal, or an exception on the way): its member's login
   * messages must stop offering it. The one place that rule lives, for the callback and a paste.
   */
  private void endedUnlessLinked(PendingLink link, LinkOutcome outcome) {
    if (outcome instanceof LinkOutcome.Linked) {
      return;
    }
    try {
      onEndedUnlinked.accept(link.discordUserId());
    } catch (RuntimeException e) {
      // Never in place of the outcome or the exception that ended the login.
      log.warn("Could not retire the login of user {}: {}", link.discordUserId(), e.toString());
    }
  }

  /**
   * Whether members finish a login by pasting back the address their browser ends on: so with a
   * loopback redirect URI, which only a browser on the bot's machine reaches (there is no login
   * page then, see the constructor).
   */
  public boolean finishesByPaste() {
    return loginPage.isEmpty();
  }

  /**
   * Completes the login of {@code discordUserId} from what they pasted: the address of the page
   * their browser showed after Spotify's login, somewhere in the text. Only the member the state
   * was issued to can use it. A paste that cannot finish their login (not an address, no state, an
   * unknown or expired state, someone else's, no code) is a {@link LinkOutcome.PasteRefused} and
   * spends no state, so the member can paste again; an address Spotify made for their login, with a
   * code or an error such as {@code access_denied}, spends it whatever the exchange says, as the
   * callback does.
   *
   * @param announce whether {@code onLinked} hears of a link; false when the member is shown the
   *     outcome where they pasted, and that is where {@code onLinked} would tell them too
   * @throws SpotifyException when Spotify refused the account (403, the allowlist) or the app's
   *     quota is used up: what only the bot's owner can fix, which the Discord side's error replies
   *     name and tell them of; the state is spent, as for any answer Spotify gave
   * @throws IllegalStateException when logins finish at the callback instead ({@link
   *     #finishesByPaste()} is false): a public callback binds the browser, a paste could not
   */
  public LinkOutcome completePasted(String discordUserId, String pasted, boolean announce) {
    if (!finishesByPaste()) {
      throw new IllegalStateException("logins finish at the public callback, not by pasting");
    }
    PastedAddress address = PastedAddress.parse(pasted);
    if (!address.found()) {
      return LinkOutcome.PasteRefused.NOT_AN_ADDRESS;
    }
    if (address.state().isEmpty()) {
      return LinkOutcome.PasteRefused.NO_STATE;
    }
    String state = address.state().get();
    Optional<PendingLink> waiting = pending.peek(state);
    if (waiting.isEmpty()) {
      return LinkOutcome.PasteRefused.UNKNOWN_STATE;
    }
    if (!waiting.get().discordUserId().equals(discordUserId)) {
      log.warn(
          "User {} pasted the login address of user {}; not used",
          discordUserId,
          waiting.get().discordUserId());
      return LinkOutcome.PasteRefused.SOMEONE_ELSES;
    }
    if (!clock.instant().isBefore(waiting.get().expiresAt())) {
      return LinkOutcome.PasteRefused.EXPIRED;
    }
    if (address.code().isEmpty() && address.error().isEmpty()) {
      return LinkOutcome.PasteRefused.NO_CODE;
    }
    Optional<PendingLink> taken = pending.take(state);
    if (taken.isEmpty()) {
      return LinkOutcome.PasteRefused.UNKNOWN_STATE; // used by a paste a moment earlier
    }
    PendingLink link = taken.get();
    LinkOutcome outcome = null;
    try {
      outcome = completeTakenPaste(link, address, announce);
      return outcome;
    } finally {
      endedUnlessLinked(link, outcome);
    }
  }

  private LinkOutcome completeTakenPaste(
      PendingLink link, PastedAddress address, boolean announce) {
    if (address.error().isPresent()) {
      return address.error().get().equals("access_denied")
          ? LinkOutcome.Refused.CANCELLED
          : LinkOutcome.Refused.SPOTIFY_ERROR;
    }
    if (!clock.instant().isBefore(link.expiresAt())) {
      return LinkOutcome.Refused.EXPIRED; // expired between the two reads
    }
    try {
      return linked(link, auth.exchange(address.code().get(), link.codeVerifier()), announce);
    } catch (SpotifyException e) {
      if (e.reason() == SpotifyException.Reason.FORBIDDEN
          || e.reason() == SpotifyException.Reason.QUOTA_EXCEEDED) {
        throw e; // only the owner can fix these: the Discord side names and tells them
      }
      log.warn("Pasted link for user {} failed: {}", link.discordUserId(), e.getMessage());
      return refused(e);
    }
  }

  private LinkOutcome linked(PendingLink link, SpotifyTokens granted, boolean announce) {
    String discordUserId = link.discordUserId();
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
    LinkOutcome.Linked linked =
        new LinkOutcome.Linked(
            discordUserId, link.discordName(), link.discordHandle(), profile.displayName());
    if (announce) {
      onLinked.accept(linked);
    }
    return linked;
  }

  private static LinkOutcome refused(SpotifyException e) {
    return switch (e.reason()) {
      case UNAVAILABLE, RATE_LIMITED -> LinkOutcome.Refused.SPOTIFY_UNAVAILABLE;
      case QUOTA_EXCEEDED -> LinkOutcome.Refused.QUOTA_EXCEEDED; // a paste throws it before
      case FORBIDDEN -> LinkOutcome.Refused.ACCOUNT_NOT_ALLOWED;
      default -> LinkOutcome.Refused.CODE_REFUSED;
    };
  }
}
