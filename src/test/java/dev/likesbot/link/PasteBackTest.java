package dev.likesbot.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.likesbot.discord.ButtonCall;
import dev.likesbot.discord.InteractionPipeline;
import dev.likesbot.discord.LinkCheck;
import dev.likesbot.discord.MemberLimiter;
import dev.likesbot.discord.ModalCall;
import dev.likesbot.discord.ModalForm;
import dev.likesbot.discord.Reply;
import dev.likesbot.metrics.Metrics;
import dev.likesbot.spotify.SpotifyException;
import dev.likesbot.testing.FakeAuth;
import dev.likesbot.testing.FakeLibrary;
import dev.likesbot.testing.FakeTime;
import dev.likesbot.testing.InMemoryStore;
import dev.likesbot.testing.OutsideText;
import dev.likesbot.testing.RecordingCall;
import dev.likesbot.testing.RecordingMessenger;
import dev.likesbot.tokens.MemberTokens;
import dev.likesbot.tokens.NotLinkedException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Finishing a loopback login by pasting the address back: the service, the command, the form. */
class PasteBackTest {
  private final FakeTime time = new FakeTime();
  private final InMemoryStore store = new InMemoryStore();
  private final FakeAuth auth = new FakeAuth();
  private final RecordingMessenger messenger = new RecordingMessenger();
  private final MemberTokens tokens = new MemberTokens(store, auth, time, time, Metrics.NONE);
  private final LinkService links = service(Optional.empty());

  private LinkService service(Optional<java.util.function.Function<String, URI>> loginPage) {
    return new LinkService(
        store,
        tokens,
        auth,
        new FakeLibrary(),
        new LinkedDm(messenger),
        new SecureRandom(),
        time,
        loginPage);
  }

  /** The login Spotify would send the member's browser back from, as the address bar shows it. */
  private String callbackOf(URI login, String codeOrError) {
    return "http://127.0.0.1:8080/callback?" + codeOrError + "&state=" + state(login);
  }

  private static String state(URI login) {
    Matcher m = Pattern.compile("[?&]state=([^&]+)").matcher(login.toString());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  // --- LinkService.completePasted ---------------------------------------------------------------

  @Test
  void theRightAddressLinksTheMemberAndSpendsTheState() {
    URI login = links.start("42", "Ada", "ada");

    LinkOutcome outcome = links.completePasted("42", callbackOf(login, "code=c1"), true);

    assertThat(outcome).isEqualTo(new LinkOutcome.Linked("42", "Ada", "ada", "Ada"));
    assertThat(store.links.get("42").accessToken()).isEqualTo("access-c1");
    assertThat(store.pending).isEmpty();
    assertThat(messenger.sent.get("42"))
        .singleElement()
        .satisfies(dm -> assertThat(dm.content()).startsWith("Linked as Ada"));
    assertThat(links.completePasted("42", callbackOf(login, "code=c1"), true))
        .as("used")
        .isEqualTo(LinkOutcome.PasteRefused.UNKNOWN_STATE);
  }

  @Test
  void whenTheMemberSeesTheOutcomeWhereTheyPastedNoDmIsSent() {
    URI login = links.start("42", "Ada", "ada");

    assertThat(links.completePasted("42", callbackOf(login, "code=c1"), false))
        .isInstanceOf(LinkOutcome.Linked.class);
    assertThat(messenger.sent).isEmpty();
  }

  @Test
  void someoneElsesAddressIsRefusedAndSpendsNeitherMembersState() {
    URI adas = links.start("42", "Ada", "ada");
    URI bobs = links.start("43", "Bob", "bob");

    LinkOutcome outcome = links.completePasted("43", callbackOf(adas, "code=c1"), true);

    assertThat(outcome).isEqualTo(LinkOutcome.PasteRefused.SOMEONE_ELSES);
    assertThat(store.pending).containsKeys(state(adas), state(bobs));
    assertThat(store.links).isEmpty();
    assertThat(links.completePasted("42", callbackOf(adas, "code=c1"), true))
        .as("Ada can still finish with it")
        .isInstanceOf(LinkOutcome.Linked.class);
  }

  @Test
  void anAccessDeniedAddressForTheirOwnLoginEndsIt() {
    URI login = links.start("42", "Ada", "ada");

    LinkOutcome outcome =
        links.completePasted("42", callbackOf(login, "error=access_denied"), true);

    assertThat(outcome).isEqualTo(LinkOutcome.Refused.CANCELLED);
    assertThat(store.pending).isEmpty();
  }

  @Test
  void anAccessDeniedAddressOfSomeoneElseEndsNothing() {
    URI login = links.start("42", "Ada", "ada");

    assertThat(links.completePasted("43", callbackOf(login, "error=access_denied"), true))
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
    assertThat(
            links.completePasted("42", callbackOf(URI.create("x?state=made-up"), "code=c"), true))
        .isEqualTo(LinkOutcome.PasteRefused.UNKNOWN_STATE);
    assertThat(links.completePasted("42", login.toString(), true))
        .as("the Spotify login link itself")
        .isEqualTo(LinkOutcome.PasteRefused.NO_CODE);
    assertThat(store.pending).containsKey(state(login));
    assertThat(links.completePasted("42", callbackOf(login, "code=c1"), true))
        .isInstanceOf(LinkOutcome.Linked.class);
  }

  @Test
  void anExpiredLoginIsRefusedWithoutSpendingIt() {
    URI login = links.start("42", "Ada", "ada");
    time.advance(LinkService.STATE_LIFETIME);

    assertThat(links.completePasted("42", callbackOf(login, "code=c1"), true))
        .isEqualTo(LinkOutcome.PasteRefused.EXPIRED);
    assertThat(store.pending).containsKey(state(login));
    assertThat(store.links).isEmpty();
  }

  @Test
  void anOlderLoginReplacedByANewerLinkIsUnknown() {
    URI older = links.start("42", "Ada", "ada");
    links.start("42", "Ada", "ada");

    assertThat(links.completePasted("42", callbackOf(older, "code=c1"), true))
        .isEqualTo(LinkOutcome.PasteRefused.UNKNOWN_STATE);
  }

  @Test
  void aCodeSpotifyRefusesEndsTheLoginAsAtTheCallback() {
    URI login = links.start("42", "Ada", "ada");
    auth.failExchange = new SpotifyException(SpotifyException.Reason.REJECTED, "refused");

    assertThat(links.completePasted("42", callbackOf(login, "code=c1"), true))
        .isEqualTo(LinkOutcome.Refused.CODE_REFUSED);
    assertThat(store.pending).isEmpty();
  }

  @Test
  void withAPublicRedirectUriLoginsDoNotFinishByPasting() {
    LinkService publicLinks =
        service(Optional.of(state -> URI.create("https://bot/login/" + state)));
    URI page = publicLinks.start("42", "Ada", "ada");

    assertThat(publicLinks.finishesByPaste()).isFalse();
    assertThatThrownBy(
            () ->
                publicLinks.completePasted(
                    "42", "http://h/cb?code=c&state=" + page.getPath().substring(7), true))
        .isInstanceOf(IllegalStateException.class);
    assertThat(store.pending).hasSize(1);
  }

  @Property(tries = 300)
  void arbitraryPastedTextNeverThrowsAndNeverSpendsTheState(@ForAll("pastes") String pasted) {
    InMemoryStore own = new InMemoryStore();
    FakeAuth ownAuth = new FakeAuth();
    LinkService service =
        new LinkService(
            own,
            new MemberTokens(own, ownAuth, time, time, Metrics.NONE),
            ownAuth,
            new FakeLibrary(),
            linked -> {},
            new SecureRandom(),
            time,
            Optional.empty());
    String state = state(service.start("42", "Ada", "ada"));

    LinkOutcome outcome = service.completePasted("42", pasted, true);

    assertThat(outcome).isInstanceOf(LinkOutcome.PasteRefused.class);
    assertThat(own.pending).containsKey(state);
    assertThat(own.links).isEmpty();
  }

  @Provide
  Arbitrary<String> pastes() {
    Arbitrary<String> noise = OutsideText.upTo(200);
    Arbitrary<String> addressLike =
        Arbitraries.of(
            "http://127.0.0.1:8080/callback?code=",
            "?state=",
            "&amp;state=",
            "state=&code=x",
            "error=access_denied",
            "http://127.0.0.1:8080/callback?error=access_denied&state=",
            "%",
            "%E0%A4%A",
            "#",
            "://");
    return Arbitraries.oneOf(
        noise, around(noise, addressLike), Arbitraries.strings().ofMaxLength(5000));
  }

  private static Arbitrary<String> around(Arbitrary<String> noise, Arbitrary<String> parts) {
    return Combinators.combine(noise, parts, noise, parts).as((a, b, c, d) -> a + b + c + d);
  }

  @Property(tries = 100)
  void theRightAddressLinksWhateverWhitespaceAndWrappingSurroundIt(
      @ForAll("before") String before, @ForAll("after") String after) {
    InMemoryStore own = new InMemoryStore();
    FakeAuth ownAuth = new FakeAuth();
    LinkService service =
        new LinkService(
            own,
            new MemberTokens(own, ownAuth, time, time, Metrics.NONE),
            ownAuth,
            new FakeLibrary(),
            linked -> {},
            new SecureRandom(),
            time,
            Optional.empty());
    URI login = service.start("42", "Ada", "ada");

    LinkOutcome outcome =
        service.completePasted("42", before + callbackOf(login, "code=c1") + after, true);

    assertThat(outcome).isInstanceOf(LinkOutcome.Linked.class);
    assertThat(own.pending).isEmpty();
  }

  @Provide
  Arbitrary<String> before() {
    return Arbitraries.of("", " ", "\n\n", "\t", "\u00a0", "here: ", "<", "(", "\"", "it said ")
        .list()
        .ofMaxSize(3)
        .map(parts -> String.join("", parts));
  }

  @Provide
  Arbitrary<String> after() {
    return Arbitraries.of("", " ", "\n", "\t", " thanks!", ">", ")", "\"", ".", ",", " ok?")
        .list()
        .ofMaxSize(3)
        .map(parts -> String.join("", parts));
  }

  // --- LinkCommand: the login message, the button, the form ----------------------------------

  private InteractionPipeline pipeline(LinkService service, MemberLimiter limiter) {
    return new InteractionPipeline(
        List.of(new LinkCommand(service, tokens, messenger)),
        new LinkCheck(tokens::isLinked, NotLinkedException.class),
        Runnable::run,
        limiter,
        Metrics.NONE);
  }

  @Test
  void theLoopbackLoginMessageNamesTheMemberWarnsAndCarriesFinishLinking() {
    RecordingCall call = new RecordingCall("42", null);
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
            b -> assertThat(b.url()).startsWith("https://accounts.example/authorize?state="));
    assertThat(dm.buttons().get(1))
        .isEqualTo(new Reply.ActionButton("Finish linking", "link:finish:42"));
  }

  @Test
  void withClosedDmsThePrivateReplyCarriesTheSameInstructionsAndButtons() {
    messenger.closed.add("42");
    RecordingCall call = new RecordingCall("42", null);
    pipeline(links, MemberLimiter.off()).command("link", "link", w -> call);

    Reply reply = call.onlyReply();
    assertThat(reply.ephemeral()).isTrue();
    assertThat(reply.content())
        .contains("Finish linking")
        .doesNotContain(LoginMessages.COPY_IN_DMS);
    assertThat(reply.buttons()).hasSize(2).last().isEqualTo(FinishLinking.button("42"));
  }

  @Test
  void withAPublicRedirectUriTheLoginMessageIsUnchanged() {
    LinkService publicLinks =
        service(Optional.of(state -> URI.create("https://bot/login/" + state)));
    RecordingCall call = new RecordingCall("42", null);
    pipeline(publicLinks, MemberLimiter.off()).command("link", "link", w -> call);

    assertThat(messenger.sent.get("42").get(0).buttons())
        .singleElement()
        .isInstanceOf(Reply.LinkButton.class);
  }

  @Test
  void finishLinkingOpensTheFormAsTheClicksFirstResponse() {
    Click click = new Click("42", "link:finish:42");
    pipeline(links, MemberLimiter.off()).click(click.buttonId(), w -> click);

    assertThat(click.deferred).as("a modal must be the first response").isFalse();
    assertThat(click.replies).isEmpty();
    assertThat(click.opened).isEqualTo(FinishLinking.form("42"));
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
    Click click = new Click("43", "link:finish:42");
    pipeline(links, MemberLimiter.off()).click(click.buttonId(), w -> click);

    assertThat(click.opened).isNull();
    assertThat(click.replies).containsExactly(Reply.privately(LinkCommand.NOT_YOURS));
  }

  @Test
  void finishLinkingNoLongerWorksOnceTheRedirectUriIsPublic() {
    LinkService publicLinks =
        service(Optional.of(state -> URI.create("https://bot/login/" + state)));
    Click click = new Click("42", "link:finish:42");
    pipeline(publicLinks, MemberLimiter.off()).click(click.buttonId(), w -> click);

    assertThat(click.opened).isNull();
    assertThat(click.replies)
        .singleElement()
        .satisfies(r -> assertThat(r.content()).isEqualTo("This button no longer works."));
  }

  @Test
  void aSubmitOutsideTheDmIsDeferredPrivatelyAnswersLinkedAndTheDmFollows() {
    URI login = links.start("42", "Ada", "ada");
    Submit submit = new Submit("42", "link:paste:42", callbackOf(login, "code=c1"), false);

    pipeline(links, MemberLimiter.off()).modal(submit.modalId(), w -> submit);

    assertThat(submit.deferredEphemeral).isTrue();
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
    URI login = links.start("42", "Ada", "ada");
    Submit submit = new Submit("42", "link:paste:42", callbackOf(login, "code=c1"), true);

    pipeline(links, MemberLimiter.off()).modal(submit.modalId(), w -> submit);

    assertThat(submit.deferredEphemeral).isFalse();
    assertThat(submit.replies)
        .containsExactly(
            LinkedDm.message(new LinkOutcome.Linked("42", "Ada", "ada", "Ada")).asEphemeral(false));
    assertThat(messenger.sent).isEmpty();
  }

  @Test
  void aWrongPasteIsAnsweredPrivatelyWithWhatToDo() {
    URI adas = links.start("42", "Ada", "ada");
    Submit bob = new Submit("43", "link:paste:43", callbackOf(adas, "code=c1"), true);

    pipeline(links, MemberLimiter.off()).modal(bob.modalId(), w -> bob);

    assertThat(bob.replies)
        .containsExactly(
            Reply.privately(FinishLinking.text(LinkOutcome.PasteRefused.SOMEONE_ELSES)));
    assertThat(bob.replies.get(0).content()).contains("someone else's");
  }

  @Test
  void everyOutcomeHasItsOwnTextNamingANextStep() {
    for (LinkOutcome.PasteRefused refused : LinkOutcome.PasteRefused.values()) {
      assertThat(FinishLinking.text(refused)).containsAnyOf("/link", "Finish linking");
    }
    assertThat(
            java.util.Arrays.stream(LinkOutcome.PasteRefused.values())
                .map(FinishLinking::text)
                .distinct())
        .hasSize(LinkOutcome.PasteRefused.values().length);
    for (LinkOutcome.Refused refused : LinkOutcome.Refused.values()) {
      assertThat(FinishLinking.text(refused)).containsAnyOf("/link", "operator");
    }
  }

  @Test
  void aSubmitCountsAgainstTheMembersLimitAsItCallsSpotify() {
    MemberLimiter limiter = new MemberLimiter(1, Duration.ofMinutes(1), Duration.ZERO, time);
    InteractionPipeline pipeline = pipeline(links, limiter);
    Submit first = new Submit("42", "link:paste:42", "garbage", false);
    Submit second = new Submit("42", "link:paste:42", "garbage", false);

    pipeline.modal(first.modalId(), w -> first);
    pipeline.modal(second.modalId(), w -> second);

    assertThat(first.replies)
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.content())
                    .isEqualTo(FinishLinking.text(LinkOutcome.PasteRefused.NOT_AN_ADDRESS)));
    assertThat(second.replies)
        .singleElement()
        .satisfies(r -> assertThat(r.content()).startsWith("You're going fast"));
  }

  @Test
  void aFormThatIsNotTheMembersOrUnknownLinksNothing() {
    URI login = links.start("42", "Ada", "ada");
    Submit forged = new Submit("43", "link:paste:42", callbackOf(login, "code=c1"), false);
    Submit unknown = new Submit("42", "link:other:42", callbackOf(login, "code=c1"), false);
    InteractionPipeline pipeline = pipeline(links, MemberLimiter.off());

    pipeline.modal(forged.modalId(), w -> forged);
    pipeline.modal(unknown.modalId(), w -> unknown);

    assertThat(forged.replies).containsExactly(Reply.privately(LinkCommand.NOT_YOURS));
    assertThat(unknown.replies)
        .singleElement()
        .satisfies(r -> assertThat(r.content()).isEqualTo("This form no longer works."));
    assertThat(store.pending).containsKey(state(login));
  }

  /** A click that records a form it opened. */
  private static final class Click implements ButtonCall {
    private final String userId;
    private final String buttonId;
    final List<Reply> replies = new ArrayList<>();
    boolean deferred;
    ModalForm opened;

    Click(String userId, String buttonId) {
      this.userId = userId;
      this.buttonId = buttonId;
    }

    @Override
    public String userId() {
      return userId;
    }

    @Override
    public String userName() {
      return "member-" + userId;
    }

    @Override
    public String buttonId() {
      return buttonId;
    }

    @Override
    public void defer(boolean updatesMessage, boolean ephemeral) {
      deferred = true;
    }

    @Override
    public void reply(Reply reply) {
      replies.add(reply);
    }

    @Override
    public void replyIfUnanswered(Reply reply) {
      if (replies.isEmpty() && opened == null) {
        replies.add(reply);
      }
    }

    @Override
    public void update(Reply reply) {
      replies.add(reply);
    }

    @Override
    public void openModal(ModalForm form) {
      assertThat(deferred || !replies.isEmpty() || opened != null).isFalse();
      opened = form;
    }
  }

  /** A submit of a form with one value, in the bot's DM or not. */
  private static final class Submit implements ModalCall {
    private final String userId;
    private final String modalId;
    private final Map<String, String> values;
    private final boolean inDm;
    final List<Reply> replies = new ArrayList<>();
    Boolean deferredEphemeral;

    Submit(String userId, String modalId, String address, boolean inDm) {
      this.userId = userId;
      this.modalId = modalId;
      this.values = Map.of(FinishLinking.FIELD, address);
      this.inDm = inDm;
    }

    @Override
    public String userId() {
      return userId;
    }

    @Override
    public String userName() {
      return "member-" + userId;
    }

    @Override
    public String modalId() {
      return modalId;
    }

    @Override
    public Optional<String> value(String fieldId) {
      return Optional.ofNullable(values.get(fieldId));
    }

    @Override
    public boolean inBotDm() {
      return inDm;
    }

    @Override
    public void defer(boolean ephemeral) {
      deferredEphemeral = ephemeral;
    }

    @Override
    public void reply(Reply reply) {
      replies.add(reply);
    }

    @Override
    public void replyIfUnanswered(Reply reply) {
      if (replies.isEmpty()) {
        replies.add(reply);
      }
    }
  }
}
