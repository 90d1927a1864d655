package dev.likesbot.discord;

import dev.likesbot.metrics.Metrics;
import java.util.Locale;
import java.util.Optional;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;

/**
 * What a command, a click and a form submit over JDA share: the member, and answering once via
 * {@link JdaReplies}.
 */
abstract sealed class JdaCall implements Interaction
    permits JdaCommandCall, JdaButtonCall, JdaModalCall {
  private final IReplyCallback event;
  final JdaReplies replies;

  JdaCall(IReplyCallback event, String what, Metrics.Stopwatch untilReply, ErrorReplies errors) {
    this.event = event;
    this.replies = new JdaReplies(event, what, untilReply, errors);
  }

  @Override
  public final String userId() {
    return replies.userId();
  }

  @Override
  public final String userName() {
    return replies.userName();
  }

  @Override
  public final String userHandle() {
    return event.getUser().getName();
  }

  @Override
  public final Locale locale() {
    return replies.locale();
  }

  @Override
  public final boolean inBotDm() {
    return event.getContext() == InteractionContextType.BOT_DM;
  }

  @Override
  public final Optional<String> channelUrl() {
    Guild guild = event.getGuild();
    return Optional.of(
        "https://discord.com/channels/"
            + (guild == null ? "@me" : guild.getId())
            + "/"
            + event.getChannelId());
  }

  /** Through the interaction's hook, which edits {@code @original}: the answer itself. */
  @Override
  public final Optional<EditableReply> editableReply() {
    InteractionHook hook = event.getHook();
    return Optional.of(
        reply -> hook.editOriginal(JdaMessages.edit(reply)).submit().thenApply(m -> null));
  }

  @Override
  public final Optional<String> userAvatarUrl() {
    return Optional.of(replies.userAvatarUrl());
  }

  /**
   * Whether a deferred answer's placeholder is a message a reply can become; not after a button's
   * deferred update, where a reply is a new message below.
   */
  boolean placeholderIsMessage() {
    return true;
  }

  @Override
  public final void reply(Reply reply) {
    replies.reply(reply, placeholderIsMessage());
  }

  @Override
  public final void replyIfUnanswered(Reply reply) {
    replies.replyIfUnanswered(reply, placeholderIsMessage());
  }
}
