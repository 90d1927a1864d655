package dev.likesbot.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The chart renders headless, with a font, as a small PNG of the promised size. */
class StatsChartTest {

  @Test
  void theJvmRendersHeadlessAndFindsAFont() {
    assertThat(GraphicsEnvironment.isHeadless()).isTrue();
    assertThat(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames())
        .isNotEmpty();
  }

  @Test
  void theChartIsASmallPngOfItsSize() throws Exception {
    List<LikedSong> songs = new ArrayList<>();
    Instant start = Instant.parse("2012-01-01T00:00:00Z");
    for (int i = 0; i < 5_000; i++) {
      songs.add(
          new LikedSong(
              start.plusSeconds(i * 80_000L),
              "t",
              List.of("a" + i % 40),
              "b",
              (1950 + i % 75) + "",
              200_000,
              false,
              "",
              ""));
    }
    LibraryStats stats = LibraryStats.of(songs, Instant.parse("2026-06-01T00:00:00Z"));

    byte[] png = StatsChart.png(stats, dev.likesbot.text.Texts.ENGLISH);
    java.nio.file.Files.createDirectories(java.nio.file.Path.of("target"));
    java.nio.file.Files.write(java.nio.file.Path.of("target/stats-chart-example.png"), png);

    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image.getWidth()).isEqualTo(StatsChart.WIDTH);
    assertThat(image.getHeight()).isEqualTo(StatsChart.HEIGHT);
    assertThat(png.length).isLessThan(40_000);
    // Bars are drawn: the plot has the bar colour somewhere.
    boolean green = false;
    for (int x = 0; x < image.getWidth() && !green; x += 2) {
      for (int y = 0; y < image.getHeight() && !green; y += 2) {
        green = image.getRGB(x, y) == (0xFF000000 | 0x1DB954);
      }
    }
    assertThat(green).isTrue();
    assertThat(StatsChart.altText(stats, dev.likesbot.text.Texts.ENGLISH))
        .contains("per year")
        .contains("2012 to 2024");
  }

  @Test
  void anEmptyChartStillRenders() throws Exception {
    LibraryStats stats = LibraryStats.of(List.of(), Instant.parse("2026-06-01T00:00:00Z"));

    BufferedImage image =
        ImageIO.read(
            new ByteArrayInputStream(StatsChart.png(stats, dev.likesbot.text.Texts.ENGLISH)));

    assertThat(image.getWidth()).isEqualTo(StatsChart.WIDTH);
  }
}
