package dev.likesbot.testing;

import dev.likesbot.discord.ButtonCall;
import dev.likesbot.discord.CommandCall;
import dev.likesbot.discord.Interaction;
import dev.likesbot.discord.Reply;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An interaction that records how it was answered: a slash command ({@link #command}) or a click
 * ({@link #click}), sharing what every interaction has as {@code JdaCall} does for the real ones.
 */
public abstract sealed class RecordingCall implements Interaction
    permits RecordingCall.Command, RecordingCall.Click {
  private final String userId;
  public final List<Reply> replies = new ArrayList<>();

  /** Messages a click replaced (only a click can). */
  public final List<Reply> updates = new ArrayList<>();

  /**
   * How it was deferred, null until it was: "reply" or "update", then ",ephemeral" when asked
   * privately.
   */
  public String deferredAs;

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

  @Override
  public String userId() {
    return userId;
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
    if (replies.isEmpty() && updates.isEmpty()) {
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
  }
}
