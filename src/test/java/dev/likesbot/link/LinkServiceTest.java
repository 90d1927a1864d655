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
import java.util.Base64;
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
      new LinkService(store, tokens, auth, library, messenger, new SecureRandom(), time);

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

    assertThat(replay).isEqualTo(new LinkOutcome.Refused(400, LinkService.UNKNOWN_STATE));
    assertThat(store.links.get("42").accessToken()).isEqualTo("access-code-1");
  }

  @Test
  void anExpiredStateIsRefused() {
    String state = param(service.start("42", "member-42"), "state");
    time.advance(Duration.ofMinutes(10));

    assertThat(service.complete("code", state, null))
        .isEqualTo(new LinkOutcome.Refused(400, LinkService.EXPIRED_STATE));
    assertThat(store.links).isEmpty();
  }

  @Test
  void anUnknownOrMissingStateIsRefused() {
    assertThat(service.complete("code", "made-up", null))
        .isEqualTo(new LinkOutcome.Refused(400, LinkService.UNKNOWN_STATE));
    assertThat(service.complete("code", null, null))
        .isEqualTo(new LinkOutcome.Refused(400, LinkService.NO_STATE));
  }

  @Test
  void aMissingCodeIsRefusedAndSpendsTheState() {
    String state = param(service.start("42", "member-42"), "state");

    assertThat(service.complete(null, state, null))
        .isEqualTo(new LinkOutcome.Refused(400, LinkService.NO_CODE));
    assertThat(store.pending).isEmpty();
  }

  @Test
  void refusedConsentSaysHowToRetryAndSpendsTheState() {
    String state = param(service.start("42", "member-42"), "state");

    assertThat(service.complete(null, state, "access_denied"))
        .isEqualTo(new LinkOutcome.Refused(400, "Link cancelled — run /link to try again."));
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
  void spotifyTroubleDuringTheExchangeIsA503() {
    auth.failExchange = new SpotifyException(SpotifyException.Reason.UNAVAILABLE, "timeout");

    LinkOutcome outcome =
        service.complete("code", param(service.start("42", "member-42"), "state"), null);

    assertThat(outcome)
        .isInstanceOfSatisfying(
            LinkOutcome.Refused.class, r -> assertThat(r.status()).isEqualTo(503));
  }

  @Test
  void displayNamesAreEscapedInTheDm() {
    library.displayName = "*bold* @everyone";

    service.complete("code", param(service.start("42", "member-42"), "state"), null);

    assertThat(messenger.sent.get("42").get(0).content())
        .isEqualTo("Linked as \\*bold\\* \\@everyone. Not you? Use /unlink.");
  }
}
