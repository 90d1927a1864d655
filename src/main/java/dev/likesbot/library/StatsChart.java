package dev.likesbot.library;

import dev.likesbot.text.Texts;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The stats' picture: likes over time above, release decades below, as bars. The only text in it is
 * digits and the two titles (translations keep to letters every font has), so every script's names
 * stay in the embed and no font is ever missing a glyph. A 16-colour palette keeps the PNG a few
 * kilobytes.
 */
public final class StatsChart {
  public static final int WIDTH = 800;
  public static final int HEIGHT = 500;
  // Keys of the texts' bundle: the chart is part of a public card, in the asking member's language.
  static final String PER_YEAR = "likes.stats.chart.perYear";
  static final String PER_MONTH = "likes.stats.chart.perMonth";
  static final String DECADES = "likes.stats.chart.decades";

  private static final Color BACKGROUND = new Color(0x2B2D31);
  private static final Color BAR = new Color(0x1DB954);
  private static final Color TEXT = new Color(0xDBDEE1);
  private static final Color AXIS = new Color(0x4E5058);

  private StatsChart() {}

  /** The chart as PNG bytes. */
  public static byte[] png(LibraryStats stats, Texts texts) {
    BufferedImage image =
        new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_BYTE_INDEXED, palette());
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
      g.setColor(BACKGROUND);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      int half = HEIGHT / 2;
      bars(g, texts.get(overTime(stats)), stats.likesOverTime(), 0, half);
      bars(g, texts.get(DECADES), stats.releaseDecades(), half, half);
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A plain description for screen readers, the attachment's alt text. */
  public static String altText(LibraryStats stats, Texts texts) {
    return texts.get(
        "likes.stats.chart.alt",
        texts.get(overTime(stats)),
        summary(stats.likesOverTime(), texts),
        texts.get(DECADES),
        summary(stats.releaseDecades(), texts));
  }

  private static String overTime(LibraryStats stats) {
    return stats.perMonth() ? PER_MONTH : PER_YEAR;
  }

  private static String summary(List<LibraryStats.Count> bars, Texts texts) {
    if (bars.isEmpty()) {
      return texts.get("likes.stats.chart.none");
    }
    LibraryStats.Count most =
        bars.stream().max(java.util.Comparator.comparingInt(LibraryStats.Count::count)).get();
    return texts.get(
        "likes.stats.chart.range",
        bars.get(0).name(),
        bars.get(bars.size() - 1).name(),
        most.name(),
        texts.number(most.count()));
  }

  private static IndexColorModel palette() {
    Color[] colors = {BACKGROUND, BAR, TEXT, AXIS};
    int n = 16;
    byte[] r = new byte[n];
    byte[] gr = new byte[n];
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      // Blends between background and text for the few shades anti-aliasing would want.
      Color c = i < colors.length ? colors[i] : blend(BACKGROUND, TEXT, (i - 3) / 13.0);
      r[i] = (byte) c.getRed();
      gr[i] = (byte) c.getGreen();
      b[i] = (byte) c.getBlue();
    }
    return new IndexColorModel(4, n, r, gr, b);
  }

  private static Color blend(Color a, Color z, double t) {
    return new Color(
        (int) (a.getRed() + (z.getRed() - a.getRed()) * t),
        (int) (a.getGreen() + (z.getGreen() - a.getGreen()) * t),
        (int) (a.getBlue() + (z.getBlue() - a.getBlue()) * t));
  }

  private static void bars(
      Graphics2D g, String title, List<LibraryStats.Count> bars, int top, int height) {
    Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    g.setFont(font);
    FontMetrics metrics = g.getFontMetrics();
    g.setColor(TEXT);
    g.drawString(title, 16, top + 22);
    int left = 56;
    int right = WIDTH - 16;
    int baseline = top + height - 28;
    int plotTop = top + 40;
    g.setColor(AXIS);
    g.setStroke(new BasicStroke(1));
    g.drawLine(left, baseline, right, baseline);
    if (bars.isEmpty()) {
      return;
    }
    int max = Math.max(1, bars.stream().mapToInt(LibraryStats.Count::count).max().orElse(1));
    g.setColor(TEXT);
    String maxLabel = Integer.toString(max);
    g.drawString(
        maxLabel, left - 8 - metrics.stringWidth(maxLabel), plotTop + metrics.getAscent() / 2);
    g.drawString("0", left - 8 - metrics.stringWidth("0"), baseline + metrics.getAscent() / 2);
    double slot = (double) (right - left) / bars.size();
    int every = Math.max(1, (int) Math.ceil(metrics.stringWidth("0000-00") * 1.3 / slot));
    for (int i = 0; i < bars.size(); i++) {
      LibraryStats.Count bar = bars.get(i);
      int x = left + (int) Math.round(i * slot);
      int w = Math.max(1, (int) Math.round(slot * 0.8));
      int h = (int) Math.round((double) bar.count() / max * (baseline - plotTop));
      g.setColor(BAR);
      g.fillRect(x + (int) Math.round(slot * 0.1), baseline - h, w, h);
      if (i % every == 0) {
        g.setColor(TEXT);
        String label = bar.name();
        int cx = x + (int) Math.round(slot / 2) - metrics.stringWidth(label) / 2;
        g.drawString(label, cx, baseline + 18);
      }
    }
  }
}
