package dev.likesbot.discord;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A message the bot sends: text, an optional embed and a row of buttons. */
public record Reply(
    String content, Optional<Embed> embed, List<Button> buttons, boolean ephemeral) {
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

  public Reply withButton(Button button) {
    List<Button> more = new ArrayList<>(buttons);
    more.add(button);
    return new Reply(content, embed, more, ephemeral);
  }

  public Reply asEphemeral(boolean ephemeral) {
    return new Reply(content, embed, buttons, ephemeral);
  }

  /**
   * A card under the message. Text is shown as Discord markdown: escape names from outside with
   * {@link Markdown#escape}. Field values may hold Discord timestamps ({@code <t:seconds:D>}).
   */
  public record Embed(
      String title,
      Optional<String> url,
      String description,
      Optional<String> thumbnailUrl,
      List<Field> fields,
      Optional<String> footer,
      Optional<Author> author) {
    public Embed {
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(author, "author");
      fields = List.copyOf(fields);
    }

    public Embed(
        String title,
        Optional<String> url,
        String description,
        Optional<String> thumbnailUrl,
        List<Field> fields,
        Optional<String> footer) {
      this(title, url, description, thumbnailUrl, fields, footer, Optional.empty());
    }

    public Embed(
        String title, Optional<String> url, String description, Optional<String> thumbnailUrl) {
      this(title, url, description, thumbnailUrl, List.of(), Optional.empty());
    }

    public Embed withField(String name, String value, boolean inline) {
      List<Field> more = new ArrayList<>(fields);
      more.add(new Field(name, value, inline));
      return new Embed(title, url, description, thumbnailUrl, more, footer, author);
    }

    /** Plain text under the embed (no markdown). */
    public Embed withFooter(String text) {
      return new Embed(title, url, description, thumbnailUrl, fields, Optional.of(text), author);
    }

    /** The line above the title, e.g. whose card this is. */
    public Embed withAuthor(Author author) {
      return new Embed(title, url, description, thumbnailUrl, fields, footer, Optional.of(author));
    }

    public record Field(String name, String value, boolean inline) {}

    /**
     * Who the card is about: a name Discord shows as plain text (no markdown, so no escaping) and
     * the small round picture before it.
     */
    public record Author(String name, Optional<String> iconUrl) {
      public Author {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(iconUrl, "iconUrl");
      }
    }
  }

  /** A button under the message, at most five per reply. */
  public sealed interface Button permits LinkButton, ActionButton {
    String label();
  }

  /** Opens {@code url} in the member's browser; the bot never hears of the click. */
  public record LinkButton(String label, String url) implements Button {}

  /**
   * Comes back to the bot as a click carrying {@code id} (at most 100 characters, {@code
   * command:rest}, where the command's name routes the click back to the {@link SlashCommand} that
   * made the button). Whatever it needs must be in the id, so buttons keep working after a restart.
   */
  public record ActionButton(String label, String id, Style style, boolean disabled)
      implements Button {
    public ActionButton {
      Objects.requireNonNull(style, "style");
      if (id.length() > 100 || id.indexOf(':') < 1) {
        throw new IllegalArgumentException("button id must be prefix:rest, at most 100 chars");
      }
    }

    public ActionButton(String label, String id, boolean disabled) {
      this(label, id, Style.SECONDARY, disabled);
    }

    public ActionButton(String label, String id) {
      this(label, id, false);
    }

    public ActionButton(String label, String id, Style style) {
      this(label, id, style, false);
    }
  }

  /**
   * How an action button looks, as Discord's styles: {@code PRIMARY} for the step a message leads
   * to, {@code SECONDARY} for the rest, {@code DANGER} for one that destroys something.
   */
  public enum Style {
    PRIMARY,
    SECONDARY,
    DANGER
  }
}
