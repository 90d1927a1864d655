package dev.likesbot.likes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.likesbot.library.LikedSong;
import dev.likesbot.testing.OutsideText;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any row, whatever Spotify's names hold, comes back from the CSV as it went in (defused). */
class SongsFileProperties {

  @Provide
  Arbitrary<List<LikedSong>> songs() {
    Arbitrary<String> text =
        Arbitraries.oneOf(
            OutsideText.upTo(30),
            OutsideText.upTo(20).map(s -> "=" + s),
            OutsideText.upTo(20).map(s -> "-" + s),
            OutsideText.upTo(20).map(s -> "@" + s),
            OutsideText.upTo(20).map(s -> "+" + s),
            Arbitraries.of(",", "\"", "\r\n", "\n", "'", "\"\"", " a, \"b\" \r"));
    Arbitrary<Instant> added =
        Arbitraries.longs().between(0, 4_000_000_000L).map(Instant::ofEpochSecond).injectNull(0.1);
    Arbitrary<LikedSong> song =
        Combinators.combine(
                added,
                text,
                text.list().ofMaxSize(3),
                text,
                text,
                Arbitraries.integers().between(0, Integer.MAX_VALUE),
                text,
                text)
            .as(
                (at, title, artists, album, date, ms, isrc, url) ->
                    new LikedSong(at, title, artists, album, date, ms, false, isrc, url));
    return song.list().ofMaxSize(5);
  }

  @Property
  void everyRowRoundTripsThroughTheCsvWithFormulasDefused(@ForAll("songs") List<LikedSong> songs)
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SongsFile file = SongsFile.start(SongsFile.Format.CSV, out);
    file.write(songs);
    file.finish();

    List<List<String>> rows = parse(out.toByteArray());

    assertThat(rows.get(0)).isEqualTo(SongsFile.COLUMNS);
    List<List<String>> want = new ArrayList<>();
    for (LikedSong s : songs) {
      List<String> cells = new ArrayList<>();
      for (String cell : SongsFile.cells(s)) {
        boolean formula = !cell.isEmpty() && "=+-@".indexOf(cell.charAt(0)) >= 0;
        cells.add(formula ? "'" + cell : cell);
      }
      want.add(cells);
    }
    assertThat(rows.subList(1, rows.size())).isEqualTo(want);
  }

  @Example
  void aFormulaLookingCellGetsOneLeadingQuoteAndNothingElseChanges() {
    assertThat(SongsFile.defused("=1+1")).isEqualTo("'=1+1");
    assertThat(SongsFile.defused("@x")).isEqualTo("'@x");
    assertThat(SongsFile.defused("a=1")).isEqualTo("a=1");
    assertThat(SongsFile.defused("")).isEmpty();
  }

  /**
   * The bug: Spotify's JSON may escape half of a surrogate pair (a cut name), which the client
   * decodes into the string; UTF-8 cannot carry it, and Jackson's CSV writer threw on it, failing
   * the member's whole export. JSON escapes it and stays exact.
   */
  @Example
  void aLoneSurrogateInANameBecomesAReplacementCharacterInsteadOfFailingTheCsv() throws Exception {
    LikedSong song =
        new LikedSong(null, "a\ud800b", List.of("\udc00x"), "c\ud83d", "", 0, false, "", "");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SongsFile file = SongsFile.start(SongsFile.Format.CSV, out);
    file.write(List.of(song, song));
    file.finish();

    List<List<String>> rows = parse(out.toByteArray());

    assertThat(rows).hasSize(3);
    assertThat(rows.get(1).subList(1, 4)).containsExactly("a\ufffdb", "\ufffdx", "c\ufffd");
  }

  static List<List<String>> parse(byte[] bytes) throws Exception {
    assertThat(Arrays.copyOf(bytes, 3)).containsExactly((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
    String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
    CsvMapper csv = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    List<List<String>> rows = new ArrayList<>();
    try (MappingIterator<String[]> it = csv.readerFor(String[].class).readValues(text)) {
      while (it.hasNext()) {
        rows.add(List.of(it.next()));
      }
    }
    return rows;
  }
}
