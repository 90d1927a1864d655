package dev.likesbot.testing;

import dev.likesbot.discord.CommandCall;
import dev.likesbot.discord.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A command call that records how it was answered. */
public final class RecordingCall implements CommandCall {
  private final String userId;
  private final String subcommand;
  public final List<Reply> replies = new ArrayList<>();
  public Boolean deferredEphemeral;

  public RecordingCall(String userId, String subcommand) {
    this.userId = userId;
    this.subcommand = subcommand;
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
  public Optional<String> subcommand() {
    return Optional.ofNullable(subcommand);
  }

  public final java.util.Map<String, Object> options = new java.util.HashMap<>();

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

  public Reply onlyReply() {
    if (replies.size() != 1) {
      throw new AssertionError("expected one reply, got " + replies);
    }
    return replies.get(0);
  }
}
