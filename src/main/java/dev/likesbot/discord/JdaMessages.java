package dev.likesbot.discord;

import java.awt.Color;
import java.util.List;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.components.buttons.ButtonStyle;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/**
 * Turns our {@link Reply} into JDA's message data, fitted to Discord's limits first ({@link
 * MessageLimits}), so no text from outside can make JDA throw or Discord refuse the message.
 */
final class JdaMessages {
  private static final Color SPOTIFY_GREEN = new Color(0x1DB954);

  private JdaMessages() {}

  static MessageCreateData create(Reply unfitted) {
    Reply reply = MessageLimits.fit(unfitted);
    MessageCreateBuilder builder = new MessageCreateBuilder().setContent(reply.content());
    reply.embed().ifPresent(e -> builder.setEmbeds(embed(e)));
    if (!reply.buttons().isEmpty()) {
      builder.setComponents(row(reply));
    }
    return builder.build();
  }

  static MessageEditData edit(Reply unfitted) {
    Reply reply = MessageLimits.fit(unfitted);
    // Set every part, so an edit replaces the "thinking…" placeholder completely.
    return new MessageEditBuilder()
        .setContent(reply.content())
        .setEmbeds(reply.embed().map(JdaMessages::embed).map(List::of).orElse(List.of()))
        .setComponents(reply.buttons().isEmpty() ? List.of() : List.of(row(reply)))
        .build();
  }

  private static ActionRow row(Reply reply) {
    return ActionRow.of(reply.buttons().stream().map(JdaMessages::button).toList());
  }

  private static Button button(Reply.Button button) {
    if (button instanceof Reply.LinkButton link) {
      return Button.link(link.url(), link.label());
    }
    Reply.ActionButton action = (Reply.ActionButton) button;
    ButtonStyle style =
        switch (action.style()) {
          case PRIMARY -> ButtonStyle.PRIMARY;
          case SECONDARY -> ButtonStyle.SECONDARY;
          case DANGER -> ButtonStyle.DANGER;
        };
    return Button.of(style, action.id(), action.label()).withDisabled(action.disabled());
  }

  private static MessageEmbed embed(Reply.Embed embed) {
    EmbedBuilder builder =
        new EmbedBuilder().setColor(SPOTIFY_GREEN).setDescription(embed.description());
    if (!embed.title().isEmpty()) {
      builder.setTitle(embed.title(), embed.url().orElse(null));
    }
    embed.thumbnailUrl().ifPresent(builder::setThumbnail);
    embed.fields().forEach(f -> builder.addField(f.name(), f.value(), f.inline()));
    embed.footer().ifPresent(builder::setFooter);
    embed.author().ifPresent(a -> builder.setAuthor(a.name(), null, a.iconUrl().orElse(null)));
    return builder.build();
  }
}
