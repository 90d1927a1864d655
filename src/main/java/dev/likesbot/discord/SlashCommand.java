package dev.likesbot.discord;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A feature: one top-level slash command and the buttons it puts under its answers (as TJ-Bot's
 * {@code SlashCommand.onButtonClick}), and the forms (modals) its buttons open. A button's or
 * form's id starts with the command's name and a colon, so a click or submit routes back to the
 * feature that made it; whatever the feature needs must follow in the id, so buttons keep working
 * after a restart.
 *
 * <p>Every command and click passes through the {@link InteractionPipeline}: the {@code
 * acknowledge} methods run on JDA's event thread as the interaction arrives and must not block, so
 * Discord sees an answer within its 3 seconds however long the worker queue is; then the pipeline
 * runs the feature's {@link #checks}, and {@link #handle} or {@link #onButtonClick} runs on the
 * worker pool, may block on Spotify or the store, and answers exactly once. A failure the member
 * can act on (not linked, Spotify's trouble) is answered by the pipeline, so a feature lets it
 * propagate.
 */
public interface SlashCommand {

  /** What an acknowledgement did with a click. */
  enum Ack {
    /** Deferred (Discord shows it is being worked on): {@link #onButtonClick} gives the answer. */
    DEFERRED,
    /** Answered already (not this member's button, a modal opened, ...): nothing is queued. */
    ANSWERED,
    /**
     * Not a button of this feature (any more): the pipeline tells the member it no longer works.
     */
    GONE
  }

  /** The checks the pipeline runs before the feature's work. */
  record Checks(boolean needsLink, boolean limited) {
    /** Nothing to check: the work neither reads a member's Spotify nor spends the app's quota. */
    public static final Checks NONE = new Checks(false, false);

    /**
     * For work on the member's Spotify: they must be linked, and each use counts against their
     * limit ({@link MemberLimiter}).
     */
    public static final Checks SPOTIFY = new Checks(true, true);

    /**
     * For starting or finishing a Spotify login: no link is needed yet, but each use counts against
     * the member's limit (the exchange calls Spotify; a login offer sends a DM).
     */
    public static final Checks SPOTIFY_LOGIN = new Checks(false, true);
  }

  CommandSpec spec();

  /** The checks for the command and its buttons alike. */
  default Checks checks() {
    return Checks.NONE;
  }

  /** Acknowledges the command without blocking; by default a private "thinking…". */
  default void acknowledge(CommandCall call) {
    call.defer(true);
  }

  void handle(CommandCall call);

  /**
   * As {@link #handle}, for work that waits on something other than a worker, such as a
   * whole-library read on its own threads: it returns at once and the answer follows when the stage
   * completes; a failure of the stage is answered as a failure of {@link #handle} would be.
   */
  default CompletionStage<?> handleLater(CommandCall call) {
    handle(call);
    return CompletableFuture.completedFuture(null);
  }

  /**
   * Acknowledges a click on one of this feature's buttons without blocking: defers it the way its
   * answer needs ({@link ButtonCall#defer}), or answers it outright, e.g. privately to someone who
   * may not press this button, or later with a modal, which must be the first response.
   *
   * @param args the button id's parts after the command's name ({@code likes:next:42:1} gives
   *     {@code [next, 42, 1]})
   */
  default Ack acknowledgeClick(ButtonCall call, List<String> args) {
    return Ack.GONE;
  }

  /**
   * The checks for a click on the button whose id's parts after the command's name are {@code
   * args}; by default the command's.
   */
  default Checks clickChecks(List<String> args) {
    return checks();
  }

  /** Runs after {@link Ack#DEFERRED}; answers exactly once. */
  default void onButtonClick(ButtonCall call, List<String> args) {
    throw new IllegalStateException(spec().name() + " deferred a click it does not handle");
  }

  /** The checks for the submits of this feature's forms ({@link ModalForm}). */
  default Checks modalChecks() {
    return checks();
  }

  /**
   * Acknowledges the submit of one of this feature's forms without blocking, as {@link
   * #acknowledgeClick}: usually {@link ModalCall#defer}.
   *
   * @param args the form id's parts after the command's name
   */
  default Ack acknowledgeModal(ModalCall call, List<String> args) {
    return Ack.GONE;
  }

  /** Runs after {@link Ack#DEFERRED}; answers exactly once. */
  default void onModalSubmit(ModalCall call, List<String> args) {
    throw new IllegalStateException(spec().name() + " deferred a form it does not handle");
  }
}
