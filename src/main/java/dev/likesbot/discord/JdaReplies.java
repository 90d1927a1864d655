package dev.likesbot.discord;

import dev.likesbot.metrics.Metrics;
import dev.likesbot.text.Texts;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import net.dv8tion.jda.api.interactions.DiscordLocale;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.requests.RestAction;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answering one interaction (a command or a click) exactly once through JDA: every request is
 * queued, never awaited, and a failure is logged rather than thrown into JDA's callback threads.
 *
 * <p>An interaction counts as answered only once Discord accepted the answer. While one answer is
 * on its way no other is sent; if building or sending it fails, the member gets the generic error
 * reply instead, so an acknowledged interaction never stays at "thinking…".
 */
final class JdaReplies {
  private static final Logger log = LoggerFactory.getLogger(JdaReplies.class);

  private enum State {
    UNANSWERED,
    SENDING,
    ANSWERED
  }

  private final IReplyCallback interaction;
  private final String what;
  private final Metrics.Stopwatch untilReply;
  private final ErrorReplies errors;
  private final AtomicReference<State> state = new AtomicReference<>(State.UNANSWERED);
  private volatile boolean deferred;
  private volatile boolean deferredEphemeral;
  private volatile boolean placeholderGone;
  private volatile boolean answeredWithModal;

  /**
   * Completes once Discord accepted the answer, exceptionally when the answer could not be sent
   * (the error reply went instead): follow-ups wait for it, so none comes before the answer.
   */
  private final CompletableFuture<Void> answered = new CompletableFuture<>();

  /** The last progress edit; the answer waits for it, so no late edit overwrites the answer. */
  private volatile CompletableFuture<?> lastProgress = CompletableFuture.completedFuture(null);

  /**
   * {@code what} names the interaction in logs, e.g. "/likes" or "a button click"; {@code errors}
   * words the generic error an answer that cannot be sent falls back to.
   */
  JdaReplies(
      IReplyCallback interaction, String what, Metrics.Stopwatch untilReply, ErrorReplies errors) {
    this.interaction = interaction;
    this.what = what;
    this.untilReply = untilReply;
    this.errors = errors;
  }

  String userId() {
    return interaction.getUser().getId();
  }

  String userName() {
    return interaction.getMember() != null
        ? interaction.getMember().getEffectiveName()
        : interaction.getUser().getEffectiveName();
  }

  /** The member's client language; English when Discord sent one JDA does not know. */
  Locale locale() {
    DiscordLocale locale = interaction.getUserLocale();
    return locale == DiscordLocale.UNKNOWN ? Locale.ENGLISH : locale.toLocale();
  }

  String userAvatarUrl() {
    return interaction.getMember() != null
        ? interaction.getMember().getEffectiveAvatarUrl()
        : interaction.getUser().getEffectiveAvatarUrl();
  }

  boolean deferred() {
    return deferred;
  }

  /** Marks the interaction deferred; true when this call should send the acknowledgement. */
  boolean startDefer(boolean ephemeral) {
    if (deferred || state.get() != State.UNANSWERED) {
      return false;
    }
    deferred = true;
    deferredEphemeral = ephemeral;
    return true;
  }

  void deferReply(boolean ephemeral) {
    if (startDefer(ephemeral)) {
      interaction.deferReply(ephemeral).queue(null, e -> failed("acknowledge", e));
    }
  }

  /**
   * A new message: the reply itself, or through the hook after a defer. A public "thinking…" cannot
   * turn private, so for a private answer it is removed and the answer sent privately.
   */
  void reply(Reply reply, boolean placeholderIsMessage) {
    if (claim()) {
      afterProgress(
          reply,
          placeholderIsMessage,
          () ->
              send(reply, placeholderIsMessage, r -> replyAction(r, placeholderIsMessage), false));
    }
  }

  /**
   * Sends at once when the answer edits the placeholder as the progress did (JDA sends requests to
   * one message in order), else once the last progress edit is done, so none lands after it.
   */
  private void afterProgress(Reply reply, boolean placeholderIsMessage, Runnable sending) {
    boolean sameMessage =
        deferred
            && placeholderIsMessage
            && !placeholderGone
            && !(reply.ephemeral() && !deferredEphemeral);
    if (sameMessage || lastProgress.isDone()) {
      sending.run();
    } else {
      lastProgress.whenComplete((ok, e) -> sending.run());
    }
  }

  /**
   * Shows {@code reply} in the deferred placeholder while the answer is being worked on; nothing
   * once answered. Completes when Discord accepted the edit (or refused it, which is only logged).
   */
  CompletableFuture<Void> progress(Reply reply) {
    if (!deferred || state.get() != State.UNANSWERED) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> edit =
        interaction
            .getHook()
            .editOriginal(JdaMessages.edit(reply))
            .submit()
            .handle(
                (ok, e) -> {
                  if (e != null) {
                    failed("show progress", e);
                  }
                  return null;
                });
    lastProgress = edit;
    return edit;
  }

  /**
   * Replaces the message a button is on: through the hook after a defer, else with {@code direct}
   * (the click's own edit callback). A failure falls back to a new private error message.
   */
  void update(
      Reply reply, boolean placeholderIsMessage, Function<MessageEditData, RestAction<?>> direct) {
    if (claim()) {
      send(
          reply,
          placeholderIsMessage,
          r -> {
            MessageEditData data = JdaMessages.edit(r);
            return deferred ? interaction.getHook().editOriginal(data) : direct.apply(data);
          },
          false);
    }
  }

  /**
   * Answers with a modal, which must be the first response: not after a defer. If JDA or Discord
   * refuses it, the generic error reply is the first response instead.
   */
  void modal(Supplier<RestAction<?>> request) {
    if (deferred) {
      throw new IllegalStateException("a modal must be the first response, not after a defer");
    }
    if (claim()) {
      answeredWithModal = true;
      send(null, true, ignored -> request.get(), false); // a modal is no Reply
    }
  }

  /**
   * Sends {@code message} as a follow-up once the answer is accepted; completes when Discord has
   * it. Follow-ups sent one after the other (each after the one before completed) arrive in order.
   */
  CompletableFuture<Void> followUp(Reply message) {
    return answered.thenCompose(
        ok ->
            interaction
                .getHook()
                .sendMessage(JdaMessages.create(message))
                .setEphemeral(message.ephemeral())
                .submit()
                .thenApply(sent -> (Void) null));
  }

  /**
   * Answers with {@code reply} unless the interaction has (or is being given) its answer. When a
   * message answered it already and what came after failed (the files an export sends after its
   * answer), {@code reply} follows privately: the member hears of it rather than nothing.
   */
  void replyIfUnanswered(Reply reply, boolean placeholderIsMessage) {
    if (state.compareAndSet(State.UNANSWERED, State.SENDING)) {
      afterProgress(
          reply,
          placeholderIsMessage,
          () ->
              send(reply, placeholderIsMessage, r -> replyAction(r, placeholderIsMessage), false));
    } else if (!answeredWithModal) {
      // Only after a message that Discord accepted: a failed answer already got the error reply.
      answered.thenRun(
          () ->
              followUp(reply.asEphemeral(true))
                  .whenComplete(
                      (ok, e) -> {
                        if (e != null) {
                          failed("send the error after the answer", e);
                        }
                      }));
    }
  }

  /** Takes the one answer; false (and a log line) when it is given or on its way already. */
  private boolean claim() {
    if (!state.compareAndSet(State.UNANSWERED, State.SENDING)) {
      log.warn("{} answered twice; the second answer is dropped", what);
      return false;
    }
    return true;
  }

  /** Builds (JDA checks the message here) and queues one answer; called in state SENDING. */
  private void send(
      Reply reply,
      boolean placeholderIsMessage,
      Function<Reply, RestAction<?>> request,
      boolean isErrorReply) {
    RestAction<?> action;
    try {
      action = request.apply(reply);
    } catch (RuntimeException e) {
      answerFailed("build the reply", e, placeholderIsMessage, isErrorReply);
      return;
    }
    action.queue(
        ok -> {
          if (state.compareAndSet(State.SENDING, State.ANSWERED)) {
            untilReply.stop();
          }
          if (isErrorReply) {
            answered.completeExceptionally(new IllegalStateException("answered with the error"));
          } else {
            answered.complete(null);
          }
        },
        e -> answerFailed("send the reply", e, placeholderIsMessage, isErrorReply));
  }

  private void answerFailed(
      String action, Throwable e, boolean placeholderIsMessage, boolean isErrorReply) {
    answered.completeExceptionally(e);
    if (isErrorReply) {
      log.error("Could not {} with the error message to {}; it stays unanswered", action, what, e);
      state.set(State.UNANSWERED);
      return;
    }
    String id = errors.newId();
    log.error(
        "Could not {} to {}; answering with the generic error instead (error {})",
        action,
        what,
        id,
        e);
    send(
        Reply.privately(errors.failed(Texts.of(locale()), id)),
        placeholderIsMessage,
        r -> replyAction(r, placeholderIsMessage),
        true);
  }

  private RestAction<?> replyAction(Reply reply, boolean placeholderIsMessage) {
    if (!deferred) {
      return interaction.reply(JdaMessages.create(reply)).setEphemeral(reply.ephemeral());
    }
    InteractionHook hook = interaction.getHook();
    if (!placeholderIsMessage || placeholderGone) {
      return hook.sendMessage(JdaMessages.create(reply)).setEphemeral(reply.ephemeral());
    }
    if (reply.ephemeral() && !deferredEphemeral) {
      MessageCreateData data = JdaMessages.create(reply); // built before the placeholder goes
      placeholderGone = true;
      // One action: the answer is sent once the placeholder is gone (or could not be removed), so
      // nothing of this interaction is still queued at JDA when the answer has arrived.
      return hook.deleteOriginal()
          .onErrorMap(
              e -> {
                failed("remove the placeholder", e);
                return null;
              })
          .flatMap(gone -> hook.sendMessage(data).setEphemeral(true));
    }
    return hook.editOriginal(JdaMessages.edit(reply));
  }

  void failed(String action, Throwable e) {
    log.warn("Could not {} to {}: {}", action, what, e.toString());
  }
}
