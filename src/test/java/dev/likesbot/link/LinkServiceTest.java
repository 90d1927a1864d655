package dev.likesbot.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likesbot.fake.spotify.FakeSpotify;
import dev.likesbot.spotify.webapi.SpotifyWire;
import dev.likesbot.spotify.webapi.WebApiSpotify;
import dev.likesbot.store.PendingLink;
import dev.likesbot.testing.FakeTime;
import dev.likesbot.testing.InMemoryStore;
import dev.likesbot.testing.RecordingMessenger;
import dev.likesbot.tokens.MemberTokens;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LinkServiceTest {
  @RegisterExtension static final SpotifyWire wire = new SpotifyWire();
  private final LinkFixture link = new LinkFixture(wire);
  private final FakeTime time = link.time;
  private final WebApiSpotify spotify = link.spotify;
  private final FakeSpotify fake = link.fake;
  private final InMemoryStore store = link.store;
  private final RecordingMessenger messenger = link.messenger;
  private final MemberTokens tokens = link.tokens;
  private final LinkService service = link.links;

  LinkServiceTest() {
    fake.addUser("ada", "Ada", 0);
  }

  private static String param(URI uri, String name) {
    return SpotifyWire.param(uri, name);
  }

  /** {@code spotifyId} logs in at the fake Spotify with this start's URL: the callback it sends. */
  private static URI loginAs(String spotifyId, URI authorizeUrl) {
    wire.fake().nextLogin(spotifyId);
    return wire.fake().authorize(authorizeUrl);
  }

  /** The member runs /link and logs in as Ada; then the callback comes in. */
  private LinkOutcome linkAs(LinkService links, String spotifyId) {
    URI callback = loginAs(spotifyId, links.start("42", "member-42", ""));
    return links.complete(param(callback, "code"), param(callback, "state"), null, null);
  }

  @Test
  void startBindsASingleUseStateOfAtLeast128BitsToTheMember() {
    String state = param(service.start("42", "member-42", ""), "state");

    assertThat(Base64.getUrlDecoder().decode(state).length * 8).isGreaterThanOrEqualTo(128);
    PendingLink pending = store.pending.get(state);
    assertThat(pending.discordUserId()).isEqualTo("42");
    assertThat(pending.expiresAt()).isEqualTo(time.instant().plus(Duration.ofMinutes(10)));
  }

  @Test
  void startSendsTheS256ChallengeOfTheStoredVerifier() {
    URI uri = service.start("42", "member-42", "");
    PendingLink pending = store.pending.get(param(uri, "state"));

    assertThat(param(uri, "code_challenge")).isEqualTo(Pkce.challengeOf(pending.codeVerifier()));
  }

  @Test
  void eachStartGivesANewState() {
    assertThat(param(service.start("42", "member-42", ""), "state"))
        .isNotEqualTo(param(service.start("42", "member-42", ""), "state"));
  }

  @Test
  void completeLinksTheMemberWhoRanLinkAndDmsThem() {
    LinkOutcome outcome = linkAs(service, "ada");

    assertThat(outcome).isEqualTo(new LinkOutcome.Linked("42", "member-42", "", "Ada"));
    assertThat(fake.codeExchanges("ada")).isEqualTo(1);
    assertThat(fake.issuedTokens("ada")).contains(store.links.get("42").accessToken());
    assertThat(spotify.savedTracks(store.links.get("42").accessToken(), 0, 1).total())
        .as("the stored access token is the one Spotify takes")
        .isZero();
    assertThat(store.links.get("42").spotifyName()).isEqualTo("Ada");
    assertThat(store.links.get("42").linkedAt()).isEqualTo(time.instant());
    assertThat(messenger.sent.get("42"))
        .singleElement()
        .satisfies(r -> assertThat(r.content()).isEqualTo("Linked as Ada. Not you? Use /unlink."));
  }

  @Test
  void aStateWorksOnlyOnce() {
    URI callback = loginAs("ada", service.start("42", "member-42", ""));
    String state = param(callback, "state");
    service.complete(param(callback, "code"), state, null, null);
    String firstToken = store.links.get("42").accessToken();

    LinkOutcome replay = service.complete("code-2", state, null, null);

    assertThat(replay).isEqualTo(LinkOutcome.Refused.UNKNOWN_STATE);
    assertThat(store.links.get("42").accessToken()).isEqualTo(firstToken);
    assertThat(fake.codeExchanges("ada")).isEqualTo(1);
  }

  @Test
  void anExpiredStateIsRefused() {
    String state = param(service.start("42", "member-42", ""), "state");
    time.advance(Duration.ofMinutes(10));

    assertThat(service.complete("code", state, null, null)).isEqualTo(LinkOutcome.Refused.EXPIRED);
    assertThat(store.links).isEmpty();
  }

  @Test
  void anUnknownOrMissingStateIsRefused() {
    assertThat(service.complete("code", "made-up", null, null))
        .isEqualTo(LinkOutcome.Refused.UNKNOWN_STATE);
    assertThat(service.complete("code", null, null, null)).isEqualTo(LinkOutcome.Refused.NO_STATE);
  }

  @Test
  void aMissingCodeIsRefusedAndSpendsTheState() {
    String state = param(service.start("42", "member-42", ""), "state");

    assertThat(service.complete(null, state, null, null)).isEqualTo(LinkOutcome.Refused.NO_CODE);
    assertThat(store.pending).isEmpty();
  }

  @Test
  void refusedConsentSaysHowToRetryAndSpendsTheState() {
    String state = param(service.start("42", "member-42", ""), "state");

    assertThat(service.complete(null, state, "access_denied", null))
        .isEqualTo(LinkOutcome.Refused.CANCELLED);
    assertThat(store.pending).isEmpty();
    assertThat(store.links).isEmpty();
  }

  @Test
  void aNewLinkReplacesTheOldOne() {
    linkAs(service, "ada");
    String firstToken = store.links.get("42").accessToken();
    fake.addUser("grace", "Grace", 0);

    linkAs(service, "grace");

    assertThat(store.links.get("42").spotifyName()).isEqualTo("Grace");
    assertThat(store.links.get("42").accessToken())
        .isNotEqualTo(firstToken)
        .isIn(fake.issuedTokens("grace"));
  }

  @Test
  void onlyTheNewestLinkOfAMemberWorks() {
    String older = param(service.start("42", "member-42", ""), "state");
    service.start("42", "member-42", "");

    assertThat(service.complete("code", older, null, null)).isInstanceOf(LinkOutcome.Refused.class);
  }

  @Test
  void anotherErrorFromSpotifyIsRefusedAndSpendsTheState() {
    String state = param(service.start("42", "member-42", ""), "state");

    assertThat(service.complete(null, state, "server_error", null))
        .isEqualTo(LinkOutcome.Refused.SPOTIFY_ERROR);
    assertThat(store.pending).isEmpty();
  }

  @Test
  void spotifyTroubleDuringTheExchangeIsWorthTryingAgainSoon() {
    fake.failNext(503, 1, "/api/token");
    assertThat(linkAs(service, "ada")).isEqualTo(LinkOutcome.Refused.SPOTIFY_UNAVAILABLE);
    fake.failNext(429, 1, "/api/token");
    assertThat(linkAs(service, "ada")).isEqualTo(LinkOutcome.Refused.SPOTIFY_UNAVAILABLE);
    assertThat(store.links).isEmpty();
  }

  /** A used-up quota is the owner's to fix: they are told, and the outcome says whether. */
  private LinkService quotaWatched(List<String> told, boolean ownerTold) {
    return new LinkService(
        store,
        tokens,
        spotify,
        spotify,
        linked -> {},
        member -> {},
        member -> {},
        () -> told.add("quota") && ownerTold,
        new SecureRandom(),
        time,
        Optional.empty());
  }

  @Test
  void aUsedUpQuotaAtTheCallbackTellsTheOwnerAndSaysWhetherTheyWereTold() {
    List<String> told = new ArrayList<>();
    // Only the Web API says why in its 429: the profile read that completes the exchange.
    fake.failNextWithQuotaExceeded(1, "/v1/me");
    assertThat(linkAs(quotaWatched(told, true), "ada"))
        .isEqualTo(LinkOutcome.Refused.QUOTA_EXCEEDED_OWNER_TOLD);
    time.advance(Duration.ofMinutes(1)); // past the gate the 429 closed
    fake.failNextWithQuotaExceeded(1, "/v1/me");
    assertThat(linkAs(quotaWatched(told, false), "ada"))
        .isEqualTo(LinkOutcome.Refused.QUOTA_EXCEEDED);
    assertThat(told).containsExactly("quota", "quota");
    assertThat(store.links).isEmpty();
  }

  /** Whose login ended without a link, as the login messages hear it. */
  private LinkService endedWatched(List<String> ended, Optional<Function<String, URI>> page) {
    return new LinkService(
        store,
        tokens,
        spotify,
        spotify,
        linked -> {},
        member -> {},
        ended::add,
        () -> false,
        new SecureRandom(),
        time,
        page);
  }

  @Test
  void everySpentStateThatDidNotLinkEndsItsMembersLoginAndOnlyThose() {
    List<String> ended = new ArrayList<>();
    LinkService watched = endedWatched(ended, Optional.empty());

    String cancelled = param(watched.start("1", "one", ""), "state");
    assertThat(watched.complete(null, cancelled, "access_denied", null))
        .isEqualTo(LinkOutcome.Refused.CANCELLED);
    String failed = param(watched.start("2", "two", ""), "state");
    watched.complete(null, failed, "server_error", null);
    URI refusedCode = loginAs("ada", watched.start("3", "three", ""));
    assertThat(watched.complete("not-the-code", param(refusedCode, "state"), null, null))
        .isEqualTo(LinkOutcome.Refused.CODE_REFUSED);
    fake.setOnAllowlist("ada", false);
    assertThat(linkAs(watched, "ada")).isEqualTo(LinkOutcome.Refused.ACCOUNT_NOT_ALLOWED);
    fake.setOnAllowlist("ada", true);
    assertThat(ended).containsExactly("1", "2", "3", "42");

    ended.clear();
    watched.complete(null, "made-up-state-of-no-login", "access_denied", null); // nobody's
    assertThat(linkAs(watched, "ada")).isInstanceOf(LinkOutcome.Linked.class);
    assertThat(ended).isEmpty();
  }

  @Test
  void aCallbackToAnotherBrowserEndsTheMembersLogin() {
    List<String> ended = new ArrayList<>();
    LinkService watched =
        endedWatched(ended, Optional.of(state -> URI.create("https://bot.example/login/" + state)));
    String page = watched.start("7", "seven", "").getPath();
    String state = page.substring(page.lastIndexOf('/') + 1);
    assertThat(watched.proceed(state)).isInstanceOf(LoginStep.ToSpotify.class);

    assertThat(watched.complete("code", state, null, "another-browsers-nonce"))
        .isEqualTo(LinkOutcome.Refused.NOT_THIS_BROWSER);
    assertThat(ended).containsExactly("7");
  }

  @Test
  void aPasteEndsTheLoginOnlyWhenItSpentTheState() {
    List<String> ended = new ArrayList<>();
    LinkService watched = endedWatched(ended, Optional.empty());
    URI login = watched.start("42", "member-42", "");
    String state = param(login, "state");

    assertThat(watched.completePasted("42", "no address here", true))
        .isEqualTo(LinkOutcome.PasteRefused.NOT_AN_ADDRESS);
    assertThat(watched.completePasted("43", "http://127.0.0.1/cb?state=" + state + "&code=x", true))
        .isEqualTo(LinkOutcome.PasteRefused.SOMEONE_ELSES);
    assertThat(ended).isEmpty();

    assertThat(
            watched.completePasted(
                "42", "http://127.0.0.1/cb?state=" + state + "&error=access_denied", true))
        .isEqualTo(LinkOutcome.Refused.CANCELLED);
    assertThat(ended).containsExactly("42");
  }

  @Test
  void anAccountSpotifyForbidsIsNotAllowedAndAnyOtherRefusalRefusesTheCode() {
    fake.failNext(403, 1, "/v1/me"); // a member not on a development-mode app's allowlist
    assertThat(linkAs(service, "ada")).isEqualTo(LinkOutcome.Refused.ACCOUNT_NOT_ALLOWED);
    fake.setCodeLifetime(Duration.ofSeconds(1));
    URI callback = loginAs("ada", service.start("42", "member-42", ""));
    time.advance(Duration.ofSeconds(1)); // Spotify answers invalid_grant for the expired code
    assertThat(service.complete(param(callback, "code"), param(callback, "state"), null, null))
        .isEqualTo(LinkOutcome.Refused.CODE_REFUSED);
    assertThat(store.links).isEmpty();
  }

  @Test
  void aLinkAppearsOnlyAfterItIsStoredAndTheDmIsAboutIt() {
    List<String> told = new ArrayList<>();
    LinkService watched =
        new LinkService(
            store,
            tokens,
            spotify,
            spotify,
            linked -> told.add(linked + " stored: " + store.links.containsKey("42")),
            member -> {},
            member -> {},
            () -> false,
            new SecureRandom(),
            time,
            Optional.empty());

    LinkOutcome outcome = linkAs(watched, "ada");

    assertThat(told).containsExactly(outcome + " stored: true");
  }

  @Test
  void displayNamesAreEscapedInTheDm() {
    fake.addUser("bold", "*bold* @everyone", 0);

    linkAs(service, "bold");

    assertThat(messenger.sent.get("42").get(0).content())
        .isEqualTo("Linked as \\*bold\\* \\@everyone. Not you? Use /unlink.");
  }
}
