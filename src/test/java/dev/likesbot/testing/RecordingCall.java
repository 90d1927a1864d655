package dev.likesbot.testing;

import dev.likesbot.discord.ButtonCall;
import dev.likesbot.discord.CommandCall;
import dev.likesbot.discord.Interaction;
import dev.likesbot.discord.ModalCall;
import dev.likesbot.discord.ModalForm;
import dev.likesbot.discord.Reply;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An interaction that records how it was answered: a slash command ({@link #command}), a click
 * ({@link #click}) or a form's submit ({@link #submit}), sharing what every interaction has as
 * {@code JdaCall} does for the real ones.
 */
public abstract sealed class RecordingCall implements Interaction
    permits RecordingCall.Command, RecordingCall.Click, RecordingCall.Submit {
  private final String userId;
  public final List<Reply> replies = new ArrayList<>();

  /** Messages a click replaced (only a click can). */
  public final List<Reply> updates = new ArrayList<>();

  /** The form a click answered with (only a click can, and only as its first response). */
  public ModalForm opened;

  /**
   * How it was deferred, null until it was: "reply" or "update", then ",ephemeral" when asked
   * privately.
   */
  public String deferredAs;

  /** The member's client language, as Discord reports it with each interaction. */
  public Locale locale = Locale.ENGLISH;

  private RecordingCall(String userId) {
    this.userId = userId;
  }

  /** Member {@code userId} ran the command, with {@code subcommand} (or none when null). */
  public static Command command(String userId, String subcommand) {
    return new Command(userId, subcommand);
  }

  /** Member {@code userId} clicked the button {@code buttonId}. */
  public static Click click(String userId, String buttonId) {
    return new Click(userId, buttonId);
  }

  /**
   * Member {@code userId} submitted the form {@code modalId} with {@code values} by input id,
   * outside their DM with the bot unless {@link Submit#inBotDm} is set.
   */
  public static Submit submit(String userId, String modalId, Map<String, String> values) {
    return new Submit(userId, modalId, values);
  }

  @Override
  public String userId() {
    return userId;
  }

  @Override
  public Locale locale() {
    return locale;
  }

  @Override
  public String userName() {
    return "member-" + userId;
  }

  @Override
  public void reply(Reply reply) {
    replies.add(reply);
  }

  @Override
  public void replyIfUnanswered(Reply reply) {
    if (replies.isEmpty() && updates.isEmpty() && opened == null) {
      replies.add(reply);
    }
  }

  void deferred(String how, boolean ephemeral) {
    deferredAs = how + (ephemeral ? ",ephemeral" : "");
  }

  public Reply onlyReply() {
    if (replies.size() != 1) {
      throw new AssertionError("expected one reply, got " + replies);
    }
    return replies.get(0);
  }

  /** A slash command; the member's options go in {@link #options}. */
  public static final class Command extends RecordingCall implements CommandCall {
    private final String subcommand;
    public final Map<String, Object> options = new HashMap<>();

    private Command(String userId, String subcommand) {
      super(userId);
      this.subcommand = subcommand;
    }

    @Override
    public Optional<String> subcommand() {
      return Optional.ofNullable(subcommand);
    }

    @Override
    public Optional<Boolean> booleanOption(String name) {
      return Optional.ofNullable((Boolean) options.get(name));
    }

    @Override
    public Optional<String> stringOption(String name) {
      return Optional.ofNullable((String) options.get(name));
    }

    @Override
    public Optional<Long> integerOption(String name) {
      return Optional.ofNullable((Long) options.get(name));
    }

    @Override
    public void defer(boolean ephemeral) {
      deferred("reply", ephemeral);
    }
  }

  /** A click on an action button. */
  public static final class Click extends RecordingCall implements ButtonCall {
    private final String buttonId;

    private Click(String userId, String buttonId) {
      super(userId);
      this.buttonId = buttonId;
    }

    @Override
    public String buttonId() {
      return buttonId;
    }

    @Override
    public void defer(boolean updatesMessage, boolean ephemeral) {
      deferred(updatesMessage ? "update" : "reply", ephemeral);
    }

    @Override
    public void update(Reply reply) {
      updates.add(reply);
    }

    /** As Discord does, refuses a form after any other first response. */
    @Override
    public void openModal(ModalForm form) {
      if (deferredAs != null || !replies.isEmpty() || !updates.isEmpty() || opened != null) {
        throw new AssertionError("a form can only be a click's first response, not after " + this);
      }
      opened = form;
    }

    @Override
    public String toString() {
      return "click deferred=" + deferredAs + " replies=" + replies + " updates=" + updates;
    }
  }

  /** A form's submit; the member's entries are fixed, where it was sent may be set. */
  public static final class Submit extends RecordingCall implements ModalCall {
    private final String modalId;
    private final Map<String, String> values;

    /** Whether it was submitted in the member's DM with the bot. */
    public boolean inBotDm;

    private Submit(String userId, String modalId, Map<String, String> values) {
      super(userId);
      this.modalId = modalId;
      this.values = Map.copyOf(values);
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
      return inBotDm;
    }

    @Override
    public void defer(boolean ephemeral) {
      deferred("reply", ephemeral);
    }
  }
}
