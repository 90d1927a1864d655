package dev.likesbot.discord;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.components.buttons.ButtonStyle;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.FileUpload;
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
    if (!reply.files().isEmpty()) {
      builder.setFiles(files(reply));
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
        .setAttachments(files(reply)) // none: an edit drops the files a message had
        .build();
  }

  private static List<FileUpload> files(Reply reply) {
    return reply.files().stream().map(f -> upload(f).setDescription(f.description())).toList();
  }

  /**
   * Bytes as they are; a file on disk through a supplier JDA calls when it writes the request (and
   * again if it retries), so the file is streamed, never read into the heap.
   */
  private static FileUpload upload(Reply.Attachment file) {
    if (file.data() instanceof Reply.Bytes bytes) {
      return FileUpload.fromData(bytes.bytes(), file.name());
    }
    Reply.FileData data = file.data();
    return FileUpload.fromStreamSupplier(
        file.name(),
        () -> {
          try {
            return data.open();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
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
