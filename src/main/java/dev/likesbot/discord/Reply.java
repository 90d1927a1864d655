package dev.likesbot.discord;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A message the bot sends: text, an optional embed and link buttons. */
public record Reply(
    String content, Optional<Embed> embed, List<LinkButton> buttons, boolean ephemeral) {
  public Reply {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(embed, "embed");
    buttons = List.copyOf(buttons);
  }

  /** Seen only by the member who ran the command. */
  public static Reply privately(String content) {
    return new Reply(content, Optional.empty(), List.of(), true);
  }

  /** Seen by everyone in the channel. */
  public static Reply publicly(String content) {
    return new Reply(content, Optional.empty(), List.of(), false);
  }

  public Reply withEmbed(Embed embed) {
    return new Reply(content, Optional.of(embed), buttons, ephemeral);
  }

  public Reply withButton(LinkButton button) {
    List<LinkButton> more = new ArrayList<>(buttons);
    more.add(button);
    return new Reply(content, embed, more, ephemeral);
  }

  public record Embed(
      String title, Optional<String> url, String description, Optional<String> thumbnailUrl) {}

  public record LinkButton(String label, String url) {}
}
