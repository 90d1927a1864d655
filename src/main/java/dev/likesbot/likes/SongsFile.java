package dev.likesbot.likes;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.likesbot.library.LikedSong;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The file /likes export sends, written row by row into a stream (a file on disk) as the songs
 * arrive, so the library is never held a second time: CSV (RFC 4180, UTF-8 with a BOM so
 * spreadsheets show every script, a header row, formula-looking cells defused) or JSON (exact). Not
 * thread-safe: a read hears its songs on one thread.
 */
abstract sealed class SongsFile {
  /** The columns, in order; JSON uses the same names as keys. */
  static final List<String> COLUMNS =
      List.of(
          "added_at",
          "title",
          "artists",
          "album",
          "release_date",
          "duration_ms",
          "isrc",
          "spotify_url");

  /** Joins several artists in one CSV cell (JSON keeps them as an array). */
  static final String ARTIST_SEPARATOR = "; ";

  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  enum Format {
    CSV,
    JSON;

    String extension() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The member's choice; anything else (or nothing) is CSV, the default. */
    static Format of(String choice) {
      return choice != null && choice.equalsIgnoreCase("json") ? JSON : CSV;
    }
  }

  private int rows;

  /** Writes the file's start into {@code out}, which the file owns (and closes) from now on. */
  static SongsFile start(Format format, OutputStream out) {
    try {
      return format == Format.JSON ? new Json(out) : new Csv(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the rows; an I/O error (a full disk) fails the export. */
  final void write(List<LikedSong> songs) {
    try {
      for (LikedSong song : songs) {
        row(song);
        rows++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int rows() {
    return rows;
  }

  /** Ends the file and closes the stream; nothing may be written after. */
  final void finish() {
    try {
      close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  abstract void row(LikedSong song) throws IOException;

  abstract void close() throws IOException;

  /** A cell a spreadsheet would run as a formula gets a leading {@code '}; the rest stay as is. */
  static String defused(String cell) {
    if (!cell.isEmpty() && "=+-@".indexOf(cell.charAt(0)) >= 0) {
      return "'" + cell;
    }
    return cell;
  }

  static List<String> cells(LikedSong song) {
    return List.of(
        song.addedAt() == null ? "" : song.addedAt().toString(),
        song.title(),
        String.join(ARTIST_SEPARATOR, song.artists()),
        song.album(),
        song.releaseDate(),
        Integer.toString(song.durationMs()),
        song.isrc(),
        song.url());
  }

  static final class Csv extends SongsFile {
    static final CsvMapper MAPPER = new CsvMapper();
    private final SequenceWriter writer;

    Csv(OutputStream out) throws IOException {
      out.write(BOM);
      CsvSchema.Builder schema = CsvSchema.builder();
      COLUMNS.forEach(schema::addColumn);
      writer = MAPPER.writer(schema.build().withHeader()).writeValues(out);
    }

    /**
     * Half a surrogate pair (Spotify's JSON can escape one into a name) cannot be written as UTF-8:
     * it becomes U+FFFD rather than failing the whole export. JSON escapes it and stays exact.
     */
    private static final Pattern LONE_SURROGATE =
        Pattern.compile(
            "[\\x{D800}-\\x{DBFF}](?![\\x{DC00}-\\x{DFFF}])|(?<![\\x{D800}-\\x{DBFF}])[\\x{DC00}-\\x{DFFF}]");

    /** One row as its cells, defused; what the property test round-trips. */
    static List<String> csvCells(List<String> cells) {
      List<String> defused = new ArrayList<>(cells.size());
      cells.forEach(c -> defused.add(defused(LONE_SURROGATE.matcher(c).replaceAll("\uFFFD"))));
      return defused;
    }

    @Override
    void row(LikedSong song) throws IOException {
      writer.write(csvCells(cells(song)));
    }

    @Override
    void close() throws IOException {
      writer.close();
    }
  }

  static final class Json extends SongsFile {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final JsonGenerator json;

    Json(OutputStream out) throws IOException {
      json = MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8);
      json.writeStartArray();
    }

    @Override
    void row(LikedSong song) throws IOException {
      json.writeStartObject();
      if (song.addedAt() == null) {
        json.writeNullField(COLUMNS.get(0));
      } else {
        json.writeStringField(COLUMNS.get(0), song.addedAt().toString());
      }
      json.writeStringField(COLUMNS.get(1), song.title());
      json.writeArrayFieldStart(COLUMNS.get(2));
      for (String artist : song.artists()) {
        json.writeString(artist);
      }
      json.writeEndArray();
      json.writeStringField(COLUMNS.get(3), song.album());
      json.writeStringField(COLUMNS.get(4), song.releaseDate());
      json.writeNumberField(COLUMNS.get(5), song.durationMs());
      json.writeStringField(COLUMNS.get(6), song.isrc());
      json.writeStringField(COLUMNS.get(7), song.url());
      json.writeEndObject();
    }

    @Override
    void close() throws IOException {
      json.writeEndArray();
      json.close();
    }
  }
}
