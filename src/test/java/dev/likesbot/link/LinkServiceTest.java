package dev.likesbot.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likesbot.metrics.Metrics;
import dev.likesbot.spotify.SpotifyException;
import dev.likesbot.store.PendingLink;
import dev.likesbot.testing.FakeAuth;
import dev.likesbot.testing.FakeLibrary;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LinkServiceTest {
  private final FakeTime time = new FakeTime();
  private final InMemoryStore store = new InMemoryStore();
  private final FakeAuth auth = new FakeAuth();
  private final FakeLibrary library = new FakeLibrary();
  private final RecordingMessenger messenger = new RecordingMessenger();
  private final MemberTokens tokens = new MemberTokens(store, auth, time, time, Metrics.NONE);
  private final LinkService service =
      new LinkService(
          store,
          tokens,
          auth,
          library,
          new LinkedDm(messenger),
          new SecureRandom(),
          time,
          Optional.empty());

  private static String param(URI uri, String name) {
    Matcher m = Pattern.compile("[?&]" + name + "=([^&]+)").matcher(uri.toString());
    assertThat(m.find()).as("%s in %s", name, uri).isTrue();
    return m.group(1);
  }

  @Test
  void startBindsASingleUseStateOfAtLeast128BitsToTheMember() {
    String state = param(service.start("42", "member-42"), "state");

    assertThat(Base64.getUrlDecoder().decode(state).length * 8).isGreaterThanOrEqualTo(128);
    PendingLink pending = store.pending.get(state);
    assertThat(pending.discordUserId()).isEqualTo("42");
    assertThat(pending.expiresAt()).isEqualTo(time.instant().plus(Duration.ofMinutes(10)));
  }

  @Test
  void startSendsTheS256ChallengeOfTheStoredVerifier() {
    URI uri = service.start("42", "member-42");
    PendingLink pending = store.pending.get(param(uri, "state"));

    assertThat(param(uri, "code_challenge")).isEqualTo(Pkce.challengeOf(pending.codeVerifier()));
  }

  @Test
  void eachStartGivesANewState() {
    assertThat(param(service.start("42", "member-42"), "state"))
        .isNotEqualTo(param(service.start("42", "member-42"), "state"));
  }

  @Test
  void completeLinksTheMemberWhoRanLinkAndDmsThem() {
    String state = param(service.start("42", "member-42"), "state");

    LinkOutcome outcome = service.complete("the-code", state, null);

    assertThat(outcome).isEqualTo(new LinkOutcome.Linked("42", "member-42", "", "Ada"));
    assertThat(store.links.get("42").accessToken()).isEqualTo("access-the-code");
    assertThat(store.links.get("42").spotifyName()).isEqualTo("Ada");
    assertThat(store.links.get("42").linkedAt()).isEqualTo(time.instant());
    assertThat(messenger.sent.get("42"))
        .singleElement()
        .satisfies(r -> assertThat(r.content()).isEqualTo("Linked as Ada. Not you? Use /unlink."));
  }

  @Test
  void aStateWorksOnlyOnce() {
    String state = param(service.start("42", "member-42"), "state");
    service.complete("code-1", state, null);

    LinkOutcome replay = service.complete("code-2", state, null);

    assertThat(replay).isEqualTo(LinkOutcome.Refused.UNKNOWN_STATE);
    assertThat(store.links.get("42").accessToken()).isEqualTo("access-code-1");
  }

  @Test
  void anExpiredStateIsRefused() {
    String state = param(service.start("42", "member-42"), "state");
    time.advance(Duration.ofMinutes(10));

    assertThat(service.complete("code", state, null)).isEqualTo(LinkOutcome.Refused.EXPIRED);
    assertThat(store.links).isEmpty();
  }

  @Test
  void anUnknownOrMissingStateIsRefused() {
    assertThat(service.complete("code", "made-up", null))
        .isEqualTo(LinkOutcome.Refused.UNKNOWN_STATE);
    assertThat(service.complete("code", null, null)).isEqualTo(LinkOutcome.Refused.NO_STATE);
  }

  @Test
  void aMissingCodeIsRefusedAndSpendsTheState() {
    String state = param(service.start("42", "member-42"), "state");

    assertThat(service.complete(null, state, null)).isEqualTo(LinkOutcome.Refused.NO_CODE);
    assertThat(store.pending).isEmpty();
  }

  @Test
  void refusedConsentSaysHowToRetryAndSpendsTheState() {
    String state = param(service.start("42", "member-42"), "state");

    assertThat(service.complete(null, state, "access_denied"))
        .isEqualTo(LinkOutcome.Refused.CANCELLED);
    assertThat(store.pending).isEmpty();
    assertThat(store.links).isEmpty();
  }

  @Test
  void aNewLinkReplacesTheOldOne() {
    service.complete("first", param(service.start("42", "member-42"), "state"), null);
    library.displayName = "Grace";

    service.complete("second", param(service.start("42", "member-42"), "state"), null);

    assertThat(store.links.get("42").spotifyName()).isEqualTo("Grace");
    assertThat(store.links.get("42").accessToken()).isEqualTo("access-second");
  }

  @Test
  void onlyTheNewestLinkOfAMemberWorks() {
    String older = param(service.start("42", "member-42"), "state");
    service.start("42", "member-42");

    assertThat(service.complete("code", older, null)).isInstanceOf(LinkOutcome.Refused.class);
  }

  @Test
  void anotherErrorFromSpotifyIsRefusedAndSpendsTheState() {
    String state = param(service.start("42", "member-42"), "state");

    assertThat(service.complete(null, state, "server_error"))
        .isEqualTo(LinkOutcome.Refused.SPOTIFY_ERROR);
    assertThat(store.pending).isEmpty();
  }

  private LinkOutcome exchangeFailing(SpotifyException.Reason reason) {
    auth.failExchange = new SpotifyException(reason, "refused");
    return service.complete("code", param(service.start("42", "member-42"), "state"), null);
  }

  @Test
  void spotifyTroubleDuringTheExchangeIsWorthTryingAgainSoon() {
    assertThat(exchangeFailing(SpotifyException.Reason.UNAVAILABLE))
        .isEqualTo(LinkOutcome.Refused.SPOTIFY_UNAVAILABLE);
    assertThat(exchangeFailing(SpotifyException.Reason.RATE_LIMITED))
        .isEqualTo(LinkOutcome.Refused.SPOTIFY_UNAVAILABLE);
    assertThat(exchangeFailing(SpotifyException.Reason.QUOTA_EXCEEDED))
        .isEqualTo(LinkOutcome.Refused.SPOTIFY_UNAVAILABLE);
    assertThat(store.links).isEmpty();
  }

  @Test
  void anAccountSpotifyForbidsIsNotAllowedAndAnyOtherRefusalRefusesTheCode() {
    assertThat(exchangeFailing(SpotifyException.Reason.FORBIDDEN))
        .isEqualTo(LinkOutcome.Refused.ACCOUNT_NOT_ALLOWED);
    assertThat(exchangeFailing(SpotifyException.Reason.REVOKED))
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
            auth,
            library,
            linked -> told.add(linked + " stored: " + store.links.containsKey("42")),
            new SecureRandom(),
            time,
            Optional.empty());

    LinkOutcome outcome =
        watched.complete("code", param(watched.start("42", "member-42"), "state"), null);

    assertThat(told).containsExactly(outcome + " stored: true");
  }

  @Test
  void displayNamesAreEscapedInTheDm() {
    library.displayName = "*bold* @everyone";

    service.complete("code", param(service.start("42", "member-42"), "state"), null);

    assertThat(messenger.sent.get("42").get(0).content())
        .isEqualTo("Linked as \\*bold\\* \\@everyone. Not you? Use /unlink.");
  }
}
