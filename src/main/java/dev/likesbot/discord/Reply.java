package dev.likesbot.discord;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A message the bot sends: text, an optional embed, a row of buttons and attached files. */
public record Reply(
    String content,
    Optional<Embed> embed,
    List<Button> buttons,
    boolean ephemeral,
    List<Attachment> files) {
  public Reply {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(embed, "embed");
    buttons = List.copyOf(buttons);
    files = List.copyOf(files);
  }

  public Reply(String content, Optional<Embed> embed, List<Button> buttons, boolean ephemeral) {
    this(content, embed, buttons, ephemeral, List.of());
  }

  /**
   * A file under the message; {@code description} is its alt text (Discord allows 1024 characters).
   * An embed may show an image file as {@code attachment://name}.
   */
  public record Attachment(String name, FileData data, String description) {
    public Attachment {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(data, "data");
      Objects.requireNonNull(description, "description");
    }

    /** A small file held in memory, such as a chart. */
    public Attachment(String name, byte[] bytes, String description) {
      this(name, new Bytes(bytes), description);
    }
  }

  /** What a file holds: bytes in memory, or part of a file on disk read only while it is sent. */
  public sealed interface FileData permits Bytes, FileRange {
    long size();

    /** A new stream over the data; a retried upload opens it again. */
    InputStream open() throws IOException;
  }

  /** Data in memory. */
  public record Bytes(byte[] bytes) implements FileData {
    public Bytes {
      Objects.requireNonNull(bytes, "bytes");
    }

    @Override
    public long size() {
      return bytes.length;
    }

    @Override
    public InputStream open() {
      return new ByteArrayInputStream(bytes);
    }
  }

  /**
   * {@code size} bytes of {@code file} from {@code offset}, streamed from disk when sent, so a
   * large file never sits in the heap; the file must stay until the message is sent (or failed).
   */
  public record FileRange(Path file, long offset, long size) implements FileData {
    public FileRange {
      Objects.requireNonNull(file, "file");
      if (offset < 0 || size < 0) {
        throw new IllegalArgumentException("offset and size must not be negative");
      }
    }

    /** The whole file as it is now. */
    public static FileRange whole(Path file) throws IOException {
      return new FileRange(file, 0, Files.size(file));
    }

    @Override
    public InputStream open() throws IOException {
      SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ);
      try {
        channel.position(offset);
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
      return new Limited(Channels.newInputStream(channel), size);
    }

    /** Reads at most {@code left} bytes of {@code in}. */
    private static final class Limited extends FilterInputStream {
      private long left;

      Limited(InputStream in, long left) {
        super(in);
        this.left = left;
      }

      @Override
      public int read() throws IOException {
        if (left <= 0) {
          return -1;
        }
        int b = in.read();
        if (b >= 0) {
          left--;
        }
        return b;
      }

      @Override
      public int read(byte[] buffer, int from, int length) throws IOException {
        if (left <= 0) {
          return -1;
        }
        int n = in.read(buffer, from, (int) Math.min(length, left));
        if (n > 0) {
          left -= n;
        }
        return n;
      }

      @Override
      public long skip(long n) throws IOException {
        long skipped = in.skip(Math.min(n, left));
        left -= skipped;
        return skipped;
      }

      @Override
      public int available() throws IOException {
        return (int) Math.min(in.available(), left);
      }

      @Override
      public boolean markSupported() {
        return false;
      }
    }
  }

  public Reply withFile(Attachment file) {
    List<Attachment> more = new ArrayList<>(files);
    more.add(file);
    return new Reply(content, embed, buttons, ephemeral, more);
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
    return new Reply(content, Optional.of(embed), buttons, ephemeral, files);
  }

  public Reply withButton(Button button) {
    List<Button> more = new ArrayList<>(buttons);
    more.add(button);
    return new Reply(content, embed, more, ephemeral, files);
  }

  public Reply asEphemeral(boolean ephemeral) {
    return new Reply(content, embed, buttons, ephemeral, files);
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
