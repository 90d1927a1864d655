package dev.likesbot.testing;

import dev.likesbot.discord.ButtonCall;
import dev.likesbot.discord.Reply;
import java.util.ArrayList;
import java.util.List;

/** A button click that records how it was answered. */
public final class RecordingButtonCall implements ButtonCall {
  private final String userId;
  private final String buttonId;
  public final List<Reply> replies = new ArrayList<>();
  public final List<Reply> updates = new ArrayList<>();
  public boolean deferred;

  /** How it was deferred: "reply" or "update", then ",ephemeral" when asked privately. */
  public String deferredAs;

  public RecordingButtonCall(String userId, String buttonId) {
    this.userId = userId;
    this.buttonId = buttonId;
  }

  @Override
  public String userId() {
    return userId;
  }

  @Override
  public String userName() {
    return "member-" + userId();
  }

  @Override
  public String buttonId() {
    return buttonId;
  }

  @Override
  public void defer(boolean updatesMessage, boolean ephemeral) {
    deferred = true;
    deferredAs = (updatesMessage ? "update" : "reply") + (ephemeral ? ",ephemeral" : "");
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

  @Override
  public void update(Reply reply) {
    updates.add(reply);
  }
}
