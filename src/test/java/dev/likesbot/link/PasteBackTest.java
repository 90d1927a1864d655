package dev.likesbot.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.likesbot.discord.InteractionPipeline;
import dev.likesbot.discord.MemberLimiter;
import dev.likesbot.discord.Reply;
import dev.likesbot.fake.spotify.FakeSpotify;
import dev.likesbot.spotify.SpotifyException;
import dev.likesbot.spotify.webapi.SpotifyWire;
import dev.likesbot.testing.FakeTime;
import dev.likesbot.testing.InMemoryStore;
import dev.likesbot.testing.RecordingCall;
import dev.likesbot.testing.RecordingMessenger;
import dev.likesbot.text.Texts;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Finishing a loopback login by pasting the address back: the service, the command, the form,
 * against the real Spotify adapter and the fake Spotify. The properties over arbitrary pastes are
 * in {@link PasteBackPropertiesTest}.
 */
class PasteBackTest {
  @RegisterExtension static final SpotifyWire wire = new SpotifyWire();
  private final LinkFixture link = new LinkFixture(wire);
  private final FakeTime time = link.time;
  private final FakeSpotify fake = link.fake;
  private final InMemoryStore store = link.store;
  private final RecordingMessenger messenger = link.messenger;
  private final LinkService links = link.links;

  PasteBackTest() {
    fake.addUser("ada", "Ada", 0);
  }

  /**
   * Ada logs in at the fake Spotify with this login link: the address, with a real code, her
   * browser could not load.
   */
  static String adaLogsIn(FakeSpotify fake, URI login) {
    fake.nextLogin("ada");
    return fake.authorize(login).toString();
  }

  private String adaLogsIn(URI login) {
    return adaLogsIn(fake, login);
  }

  /** The member cancels at Spotify: the address with error=access_denied. */
  private String cancels(URI login) {
    fake.denyNextLogin();
    return fake.authorize(login).toString();
  }

  /** An address Spotify never sent, for a state the test names. */
  private static String madeUpCallback(String state) {
    return "http://127.0.0.1:8080/callback?code=c&state=" + state;
  }

  static String state(URI login) {
    return SpotifyWire.param(login, "state");
  }

  // --- LinkService.completePasted ---------------------------------------------------------------

  @Test
  void theRightAddressLinksTheMemberAndSpendsTheState() {
    String pasted = adaLogsIn(links.start("42", "Ada", "ada"));

    LinkOutcome outcome = links.completePasted("42", pasted, true);

    assertThat(outcome).isEqualTo(new LinkOutcome.Linked("42", "Ada", "ada", "Ada"));
    assertThat(fake.codeExchanges("ada")).isEqualTo(1);
    assertThat(fake.issuedTokens("ada")).contains(store.links.get("42").accessToken());
    assertThat(store.pending).isEmpty();
    assertThat(messenger.sent.get("42"))
        .singleElement()
        .satisfies(dm -> assertThat(dm.content()).startsWith("Linked as Ada"));
    assertThat(links.completePasted("42", pasted, true))
        .as("used")
        .isEqualTo(LinkOutcome.PasteRefused.UNKNOWN_STATE);
    assertThat(fake.codeExchanges("ada")).as("the used code is not sent again").isEqualTo(1);
  }

  @Test
  void whenTheMemberSeesTheOutcomeWhereTheyPastedNoDmIsSent() {
    String pasted = adaLogsIn(links.start("42", "Ada", "ada"));

    assertThat(links.completePasted("42", pasted, false)).isInstanceOf(LinkOutcome.Linked.class);
    assertThat(messenger.sent).isEmpty();
  }

  @Test
  void someoneElsesAddressIsRefusedAndSpendsNeitherMembersState() {
    URI adas = links.start("42", "Ada", "ada");
    URI bobs = links.start("43", "Bob", "bob");
    String adasAddress = adaLogsIn(adas);

    LinkOutcome outcome = links.completePasted("43", adasAddress, true);

    assertThat(outcome).isEqualTo(LinkOutcome.PasteRefused.SOMEONE_ELSES);
    assertThat(store.pending).containsKeys(state(adas), state(bobs));
    assertThat(store.links).isEmpty();
    assertThat(fake.codeExchanges("ada")).as("Ada's code not spent").isZero();
    assertThat(links.completePasted("42", adasAddress, true))
        .as("Ada can still finish with it")
        .isInstanceOf(LinkOutcome.Linked.class);
  }

  @Test
  void anAccessDeniedAddressForTheirOwnLoginEndsIt() {
    URI login = links.start("42", "Ada", "ada");

    LinkOutcome outcome = links.completePasted("42", cancels(login), true);

    assertThat(outcome).isEqualTo(LinkOutcome.Refused.CANCELLED);
    assertThat(store.pending).isEmpty();
  }

  @Test
  void anAccessDeniedAddressOfSomeoneElseEndsNothing() {
    URI login = links.start("42", "Ada", "ada");

    assertThat(links.completePasted("43", cancels(login), true))
        .isEqualTo(LinkOutcome.PasteRefused.SOMEONE_ELSES);
    assertThat(store.pending).containsKey(state(login));
  }

  @Test
  void wrongPastesSayPreciselyWhatIsWrongAndKeepTheState() {
    URI login = links.start("42", "Ada", "ada");

    assertThat(links.completePasted("42", "it says the site can't be reached", true))
        .isEqualTo(LinkOutcome.PasteRefused.NOT_AN_ADDRESS);
    assertThat(links.completePasted("42", "https://open.spotify.com/collection/tracks", true))
        .isEqualTo(LinkOutcome.PasteRefused.NO_STATE);
    assertThat(links.completePasted("42", madeUpCallback("made-up"), true))
        .isEqualTo(LinkOutcome.PasteRefused.UNKNOWN_STATE);
    assertThat(links.completePasted("42", login.toString(), true))
        .as("the Spotify login link itself")
        .isEqualTo(LinkOutcome.PasteRefused.NO_CODE);
    assertThat(store.pending).containsKey(state(login));
    assertThat(links.completePasted("42", adaLogsIn(login), true))
        .isInstanceOf(LinkOutcome.Linked.class);
  }

  @Test
  void anExpiredLoginIsRefusedWithoutSpendingIt() {
    URI login = links.start("42", "Ada", "ada");
    String pasted = adaLogsIn(login);
    time.advance(LinkService.STATE_LIFETIME);

    assertThat(links.completePasted("42", pasted, true))
        .isEqualTo(LinkOutcome.PasteRefused.EXPIRED);
    assertThat(store.pending).containsKey(state(login));
    assertThat(store.links).isEmpty();
    assertThat(fake.codeExchanges("ada")).isZero();
  }

  @Test
  void anOlderLoginReplacedByANewerLinkIsUnknown() {
    String older = adaLogsIn(links.start("42", "Ada", "ada"));
    links.start("42", "Ada", "ada");

    assertThat(links.completePasted("42", older, true))
        .isEqualTo(LinkOutcome.PasteRefused.UNKNOWN_STATE);
  }

  @Test
  void aCodeSpotifyRefusesEndsTheLoginAsAtTheCallback() {
    fake.setCodeLifetime(Duration.ofSeconds(1));
    String pasted = adaLogsIn(links.start("42", "Ada", "ada"));
    time.advance(Duration.ofSeconds(1)); // Spotify answers invalid_grant for the expired code

    assertThat(links.completePasted("42", pasted, true))
        .isEqualTo(LinkOutcome.Refused.CODE_REFUSED);
    assertThat(store.pending).isEmpty();
    assertThat(store.links).isEmpty();
  }

  @Test
  void whatOnlyTheOwnerCanFixIsLeftToTheErrorRepliesThatNameAndTellThem() {
    fake.addUser("bea", "Bea", 0);
    fake.setOnAllowlist("bea", false);
    URI beas = links.start("43", "Bea", "bea");
    fake.nextLogin("bea");
    String refused = fake.authorize(beas).toString();
    String quota = adaLogsIn(links.start("42", "Ada", "ada"));

    assertThatThrownBy(() -> links.completePasted("43", refused, true))
        .isInstanceOfSatisfying(
            SpotifyException.class,
            e -> assertThat(e.reason()).isEqualTo(SpotifyException.Reason.FORBIDDEN));
    fake.failNextWithQuotaExceeded(1, "/v1/me");
    assertThatThrownBy(() -> links.completePasted("42", quota, true))
        .isInstanceOfSatisfying(
            SpotifyException.class,
            e -> assertThat(e.reason()).isEqualTo(SpotifyException.Reason.QUOTA_EXCEEDED));
    assertThat(store.pending).as("both spent, as any answer of Spotify's").isEmpty();
    assertThat(store.links).isEmpty();
  }

  @Test
  void withAPublicRedirectUriLoginsDoNotFinishByPasting() {
    LinkService publicLinks =
        link.service(Optional.of(state -> URI.create("https://bot/login/" + state)));
    URI page = publicLinks.start("42", "Ada", "ada");

    assertThat(publicLinks.finishesByPaste()).isFalse();
    assertThatThrownBy(
            () ->
                publicLinks.completePasted(
                    "42", "http://h/cb?code=c&state=" + page.getPath().substring(7), true))
        .isInstanceOf(IllegalStateException.class);
    assertThat(store.pending).hasSize(1);
  }

  // --- LinkCommand: the login message, the button, the form ----------------------------------

  private InteractionPipeline pipeline(LinkService service, MemberLimiter limiter) {
    return link.pipeline(service, limiter);
  }

  @Test
  void theLoopbackLoginMessageNamesTheMemberWarnsAndCarriesFinishLinking() {
    RecordingCall.Command call = RecordingCall.command("42", null);
    pipeline(links, MemberLimiter.off()).command("link", "link", w -> call);

    Reply dm = messenger.sent.get("42").get(0);
    assertThat(dm.content())
        .startsWith("Log in with Spotify")
        .contains(
            "@member\\-42", "don't share it", "cannot load", "whole address", "Finish linking");
    assertThat(dm.buttons()).hasSize(2);
    assertThat(dm.buttons().get(0))
        .isInstanceOfSatisfying(
            Reply.LinkButton.class,
            b ->
                assertThat(b.url())
                    .startsWith(fake.accountsBaseUrl() + "/authorize?")
                    .contains("state="));
    assertThat(dm.buttons().get(1))
        .isEqualTo(new Reply.ActionButton("Finish linking", "link:finish:42"));
  }

  @Test
  void withClosedDmsThePrivateReplyCarriesTheSameInstructionsAndButtons() {
    messenger.closed.add("42");
    RecordingCall.Command call = RecordingCall.command("42", null);
    pipeline(links, MemberLimiter.off()).command("link", "link", w -> call);

    Reply reply = call.onlyReply();
    assertThat(reply.ephemeral()).isTrue();
    assertThat(reply.content())
        .contains("Finish linking")
        .doesNotContain(Texts.ENGLISH.get(LoginMessages.COPY_IN_DMS));
    assertThat(reply.buttons())
        .hasSize(2)
        .last()
        .isEqualTo(FinishLinking.button(Texts.ENGLISH, "42"));
  }

  @Test
  void withAPublicRedirectUriTheLoginMessageIsUnchanged() {
    LinkService publicLinks =
        link.service(Optional.of(state -> URI.create("https://bot/login/" + state)));
    RecordingCall.Command call = RecordingCall.command("42", null);
    pipeline(publicLinks, MemberLimiter.off()).command("link", "link", w -> call);

    assertThat(messenger.sent.get("42").get(0).buttons())
        .singleElement()
        .isInstanceOf(Reply.LinkButton.class);
  }

  @Test
  void finishLinkingOpensTheFormAsTheClicksFirstResponse() {
    RecordingCall.Click click = RecordingCall.click("42", "link:finish:42");
    pipeline(links, MemberLimiter.off()).click(click.buttonId(), w -> click);

    assertThat(click.deferredAs).as("a modal must be the first response").isNull();
    assertThat(click.replies).isEmpty();
    assertThat(click.opened).isEqualTo(FinishLinking.form(Texts.ENGLISH, "42"));
    assertThat(click.opened.id()).isEqualTo("link:paste:42");
    assertThat(click.opened.title().length()).isLessThanOrEqualTo(45);
    assertThat(click.opened.fields())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.id()).isEqualTo("address");
              assertThat(f.label().length()).isLessThanOrEqualTo(45);
              assertThat(f.maxLength()).isEqualTo(4000);
            });
  }

  @Test
  void someoneElsesFinishLinkingIsRefusedPrivately() {
    RecordingCall.Click click = RecordingCall.click("43", "link:finish:42");
    pipeline(links, MemberLimiter.off()).click(click.buttonId(), w -> click);

    assertThat(click.opened).isNull();
    assertThat(click.replies)
        .containsExactly(Reply.privately(Texts.ENGLISH.get(LinkCommand.NOT_YOURS)));
  }

  @Test
  void finishLinkingNoLongerWorksOnceTheRedirectUriIsPublic() {
    LinkService publicLinks =
        link.service(Optional.of(state -> URI.create("https://bot/login/" + state)));
    RecordingCall.Click click = RecordingCall.click("42", "link:finish:42");
    pipeline(publicLinks, MemberLimiter.off()).click(click.buttonId(), w -> click);

    assertThat(click.opened).isNull();
    assertThat(click.replies)
        .singleElement()
        .satisfies(r -> assertThat(r.content()).isEqualTo("This button no longer works."));
  }

  @Test
  void aSubmitOutsideTheDmIsDeferredPrivatelyAnswersLinkedAndTheDmFollows() {
    RecordingCall.Submit submit =
        paste("42", "link:paste:42", adaLogsIn(links.start("42", "Ada", "ada")));

    pipeline(links, MemberLimiter.off()).modal(submit.modalId(), w -> submit);

    assertThat(submit.deferredAs).isEqualTo("reply,ephemeral");
    assertThat(submit.replies)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.ephemeral()).isTrue();
              assertThat(r.content()).startsWith("Linked as Ada");
            });
    assertThat(messenger.sent.get("42"))
        .singleElement()
        .satisfies(dm -> assertThat(dm.content()).startsWith("Linked as Ada"));
  }

  @Test
  void aSubmitInTheDmAnswersWithTheLastingLinkedMessageAndNoSecondDm() {
    RecordingCall.Submit submit =
        paste("42", "link:paste:42", adaLogsIn(links.start("42", "Ada", "ada")));
    submit.inBotDm = true;

    pipeline(links, MemberLimiter.off()).modal(submit.modalId(), w -> submit);

    assertThat(submit.deferredAs).isEqualTo("reply");
    assertThat(submit.replies)
        .containsExactly(
            LinkedDm.message(Texts.ENGLISH, new LinkOutcome.Linked("42", "Ada", "ada", "Ada"))
                .asEphemeral(false));
    assertThat(messenger.sent).isEmpty();
  }

  @Test
  void aWrongPasteIsAnsweredPrivatelyWithWhatToDo() {
    RecordingCall.Submit bob =
        paste("43", "link:paste:43", adaLogsIn(links.start("42", "Ada", "ada")));
    bob.inBotDm = true;

    pipeline(links, MemberLimiter.off()).modal(bob.modalId(), w -> bob);

    assertThat(bob.replies)
        .containsExactly(
            Reply.privately(
                FinishLinking.text(Texts.ENGLISH, LinkOutcome.PasteRefused.SOMEONE_ELSES)));
    assertThat(bob.replies.get(0).content()).contains("someone else's");
  }

  @Test
  void everyOutcomeHasItsOwnTextNamingANextStep() {
    for (LinkOutcome.PasteRefused refused : LinkOutcome.PasteRefused.values()) {
      assertThat(FinishLinking.text(Texts.ENGLISH, refused))
          .containsAnyOf("/link", "Finish linking");
    }
    assertThat(
            java.util.Arrays.stream(LinkOutcome.PasteRefused.values())
                .map(r -> FinishLinking.text(Texts.ENGLISH, r))
                .distinct())
        .hasSize(LinkOutcome.PasteRefused.values().length);
    for (LinkOutcome.Refused refused : LinkOutcome.Refused.values()) {
      assertThat(FinishLinking.text(Texts.ENGLISH, refused)).containsAnyOf("/link", "operator");
    }
  }

  @Test
  void aSubmitCountsAgainstTheMembersLimitAsItCallsSpotify() {
    MemberLimiter limiter = new MemberLimiter(1, Duration.ofMinutes(1), Duration.ZERO, time);
    InteractionPipeline pipeline = pipeline(links, limiter);
    RecordingCall.Submit first = paste("42", "link:paste:42", "garbage");
    RecordingCall.Submit second = paste("42", "link:paste:42", "garbage");

    pipeline.modal(first.modalId(), w -> first);
    pipeline.modal(second.modalId(), w -> second);

    assertThat(first.replies)
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.content())
                    .isEqualTo(
                        FinishLinking.text(
                            Texts.ENGLISH, LinkOutcome.PasteRefused.NOT_AN_ADDRESS)));
    assertThat(second.replies)
        .singleElement()
        .satisfies(r -> assertThat(r.content()).startsWith("You're going fast"));
  }

  @Test
  void aFormThatIsNotTheMembersOrUnknownLinksNothing() {
    URI login = links.start("42", "Ada", "ada");
    String adasAddress = adaLogsIn(login);
    RecordingCall.Submit forged = paste("43", "link:paste:42", adasAddress);
    RecordingCall.Submit unknown = paste("42", "link:other:42", adasAddress);
    InteractionPipeline pipeline = pipeline(links, MemberLimiter.off());

    pipeline.modal(forged.modalId(), w -> forged);
    pipeline.modal(unknown.modalId(), w -> unknown);

    assertThat(forged.replies)
        .containsExactly(Reply.privately(Texts.ENGLISH.get(LinkCommand.NOT_YOURS)));
    assertThat(unknown.replies)
        .singleElement()
        .satisfies(r -> assertThat(r.content()).isEqualTo("This form no longer works."));
    assertThat(store.pending).containsKey(state(login));
    assertThat(fake.codeExchanges("ada")).isZero();
  }

  /** Member {@code userId} submits the form {@code modalId} with {@code address} pasted in it. */
  private static RecordingCall.Submit paste(String userId, String modalId, String address) {
    return RecordingCall.submit(userId, modalId, Map.of(FinishLinking.FIELD, address));
  }
}
