package dev.likesbot.bench;

import dev.likesbot.discord.Reply;
import dev.likesbot.library.LibraryStats;
import dev.likesbot.library.LikedSong;
import dev.likesbot.likes.StatsMessage;
import dev.likesbot.text.Texts;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The README's picture of a {@code /likes stats} answer: the real {@link Reply} that {@code
 * LikesStats} builds for a fake library with names in several scripts (and one that looks like
 * markdown), laid out as Discord's dark theme shows a message with an embed and an image, and
 * photographed by Debian's headless Chromium. Everything from the reply is HTML-escaped; Discord's
 * own markdown (bold, backslash escapes, {@code <t:…:D>} dates) is rendered as Discord would.
 */
final class StatsMessageShot {
  static final Path PICTURE = Path.of("docs/stats-message.png");
  static final Path BROWSER = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  /** The day the fake member asks; the library's likes end just before it. */
  static final Instant NOW = Instant.parse("2025-06-01T18:30:00Z");

  private StatsMessageShot() {}

  /** An album of the fake library: its artist, extra artists on some songs, year and weight. */
  private record Album(String name, String artist, String guest, int year, int weight) {}

  /**
   * Made-up artists and albums in Latin with diacritics, Cyrillic, Greek, Arabic, Hebrew, Georgian,
   * Armenian and Vietnamese (scripts the Debian fonts draw), and one name full of markdown.
   */
  private static final List<Album> ALBUMS =
      List.of(
          new Album("Norðurljós", "Sigrún Ósk", "", 2016, 60),
          new Album("Ljósið", "Sigrún Ósk", "", 2021, 45),
          new Album("Полночь", "Ёлка и Ветер", "", 2011, 55),
          new Album("Белые ночи", "Ёлка и Ветер", "Sigrún Ósk", 2019, 30),
          new Album("Θάλασσα", "Νεφέλη Ανδρέου", "", 1998, 48),
          new Album("الليل الطويل", "فرقة الأطلس", "", 1976, 40),
          new Album("Corazón de Piedra", "Los Hermanos Núñez", "", 1984, 38),
          new Album("Half-Life", "Zoë & the Ångström Band", "", 2009, 34),
          new Album("שקיעה", "להקת החוף", "", 2014, 30),
          new Album("მთები", "ნინო ჩხეიძე", "", 2022, 26),
          new Album("Mưa Sài Gòn", "Đặng Thùy Linh", "", 2018, 24),
          new Album("Արև", "Սոնա Մելքոնյան", "", 1969, 20),
          new Album(
              "Late *Night* Edits_", "DJ *Stern* & _Echo_", "Zoë & the Ångström Band", 2023, 22),
          new Album("Kaze no Uta", "Kaito Mori", "", 2005, 18),
          new Album("Ses", "Ömer Şahin", "", 1991, 14));

  /** About 1,900 likes from March 2019 to the end of May 2025, more each year, seeded. */
  static List<LikedSong> library() {
    Random random = new Random(13);
    int weights = ALBUMS.stream().mapToInt(Album::weight).sum();
    Instant first = Instant.parse("2019-03-02T10:00:00Z");
    Instant last = Instant.parse("2025-05-30T21:00:00Z");
    long span = Duration.between(first, last).toSeconds();
    List<LikedSong> songs = new ArrayList<>();
    for (int i = 0; i < 1_900; i++) {
      // sqrt skews the likes towards the recent years, as libraries grow.
      Instant added = first.plusSeconds((long) (span * Math.sqrt(random.nextDouble())));
      int pick = random.nextInt(weights);
      Album album = ALBUMS.get(0);
      for (Album a : ALBUMS) {
        pick -= a.weight();
        if (pick < 0) {
          album = a;
          break;
        }
      }
      List<String> artists =
          !album.guest().isEmpty() && random.nextInt(3) == 0
              ? List.of(album.artist(), album.guest())
              : List.of(album.artist());
      songs.add(
          new LikedSong(
              added,
              "Track " + i,
              artists,
              album.name(),
              album.year() + "-05-01",
              150_000 + random.nextInt(180_000),
              random.nextInt(8) == 0,
              "",
              ""));
    }
    songs.sort((a, b) -> b.addedAt().compareTo(a.addedAt()));
    return songs;
  }

  /** Renders the message and writes {@link #PICTURE}; false (and why, logged) without Chromium. */
  static boolean write(Path workDir) throws IOException {
    if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
      return false;
    }
    LibraryStats stats = LibraryStats.of(library(), NOW);
    Reply reply =
        StatsMessage.of(
            Texts.ENGLISH, stats, new Reply.Embed.Author("Ada Lovelace", Optional.empty()));
    Files.createDirectories(workDir);
    Path html = workDir.resolve("stats-message.html");
    Files.writeString(html, html(reply), StandardCharsets.UTF_8);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--no-first-run",
        "--disable-extensions",
        "--allow-file-access-from-files",
        "--window-size=720,1100");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(DRIVER.toString()))
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    try {
      // Twice the pixels, so the picture stays sharp on high-density screens.
      driver.executeCdpCommand(
          "Emulation.setDeviceMetricsOverride",
          Map.of("width", 720, "height", 1100, "deviceScaleFactor", 2, "mobile", false));
      driver.get(html.toUri().toString());
      byte[] png = driver.findElement(By.id("message")).getScreenshotAs(OutputType.BYTES);
      Files.createDirectories(PICTURE.getParent());
      Files.write(PICTURE, png);
      return true;
    } finally {
      driver.quit();
    }
  }

  /** A page that looks like the message in Discord's dark theme. */
  static String html(Reply reply) {
    Reply.Embed embed = reply.embed().orElseThrow();
    StringBuilder page = new StringBuilder();
    page.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><style>")
        .append(CSS)
        .append("</style></head><body><div id=\"message\">")
        .append("<div class=\"reply\"><span class=\"who\">Ada Lovelace</span> used")
        .append(" <span class=\"cmd\">/likes stats</span></div>")
        .append("<div class=\"row\"><div class=\"avatar bot\">♪</div><div class=\"body\">")
        .append("<div class=\"head\"><span class=\"name\">likes-bot</span>")
        .append("<span class=\"tag\">APP</span><span class=\"time\">Today at 20:30</span></div>");
    if (!reply.content().isEmpty()) {
      page.append("<div class=\"content\">").append(markdown(reply.content())).append("</div>");
    }
    for (Reply.Attachment file : reply.files()) {
      page.append("<img class=\"file\" alt=\"")
          .append(escape(file.description()))
          .append("\" src=\"data:image/png;base64,")
          .append(Base64.getEncoder().encodeToString(((Reply.Bytes) file.data()).bytes()))
          .append("\">");
    }
    page.append("<div class=\"embed\">");
    embed
        .author()
        .ifPresent(
            a ->
                page.append("<div class=\"author\"><span class=\"avatar small\">")
                    .append(escape(a.name().substring(0, 1)))
                    .append("</span>")
                    .append(escape(a.name())) // plain text in Discord: no markdown
                    .append("</div>"));
    if (!embed.title().isEmpty()) {
      page.append("<div class=\"title\">").append(escape(embed.title())).append("</div>");
    }
    page.append("<div class=\"description\">")
        .append(markdown(embed.description()))
        .append("</div>");
    page.append("<div class=\"fields\">");
    for (Reply.Embed.Field field : embed.fields()) {
      page.append("<div class=\"field")
          .append(field.inline() ? " inline" : "")
          .append("\"><div class=\"fname\">")
          .append(markdown(field.name()))
          .append("</div><div class=\"fvalue\">")
          .append(markdown(field.value()))
          .append("</div></div>");
    }
    page.append("</div>");
    embed
        .footer()
        .ifPresent(f -> page.append("<div class=\"footer\">").append(escape(f)).append("</div>"));
    page.append("</div></div></div></div></body></html>");
    return page.toString();
  }

  private static final Pattern TIMESTAMP = Pattern.compile("<t:(-?\\d+):D>");
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US).withZone(ZoneOffset.UTC);

  /**
   * Discord's markdown as far as the stats answer uses it: {@code \} before a punctuation mark
   * shows the mark, {@code **} toggles bold, {@code <t:seconds:D>} is a date, new lines break;
   * everything else is text, HTML-escaped.
   */
  static String markdown(String text) {
    StringBuilder out = new StringBuilder();
    boolean bold = false;
    for (int i = 0; i < text.length(); ) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length() && isPunctuation(text.charAt(i + 1))) {
        out.append(escape(String.valueOf(text.charAt(i + 1))));
        i += 2;
      } else if (text.startsWith("**", i)) {
        out.append(bold ? "</strong>" : "<strong>");
        bold = !bold;
        i += 2;
      } else if (c == '<' && TIMESTAMP.matcher(text).region(i, text.length()).lookingAt()) {
        Matcher m = TIMESTAMP.matcher(text).region(i, text.length());
        m.lookingAt();
        out.append("<span class=\"date\">")
            .append(DATE.format(Instant.ofEpochSecond(Long.parseLong(m.group(1)))))
            .append("</span>");
        i = m.end();
      } else if (c == '\n') {
        out.append("<br>");
        i++;
      } else {
        int cp = text.codePointAt(i);
        out.append(escape(new String(Character.toChars(cp))));
        i += Character.charCount(cp);
      }
    }
    if (bold) {
      out.append("</strong>");
    }
    return out.toString();
  }

  private static boolean isPunctuation(char c) {
    return c < 128 && !Character.isLetterOrDigit(c) && !Character.isWhitespace(c);
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** Discord's dark theme: its colours, sizes and the embed's green bar (JdaMessages' colour). */
  private static final String CSS =
      "html,body{margin:0;background:#313338}"
          + "body{font-family:'DejaVu Sans','Liberation Sans',sans-serif;color:#dbdee1;"
          + "font-size:15px;line-height:1.375}"
          + "#message{width:640px;padding:14px 16px 18px 16px;background:#313338}"
          + ".reply{margin-left:56px;font-size:13px;color:#b5bac1;margin-bottom:4px}"
          + ".reply .who{color:#f2f3f5;font-weight:600}.reply .cmd{color:#c9cdfb}"
          + ".row{display:flex}"
          + ".avatar{display:inline-flex;align-items:center;justify-content:center;"
          + "border-radius:50%;color:#fff;font-weight:700}"
          + ".avatar.bot{width:40px;height:40px;min-width:40px;background:#1db954;"
          + "font-size:20px;margin-right:16px}"
          + ".avatar.small{width:24px;height:24px;background:#5865f2;font-size:12px;"
          + "margin-right:8px}"
          + ".body{flex:1;min-width:0}"
          + ".head{display:flex;align-items:baseline;gap:6px}"
          + ".name{color:#f2f3f5;font-weight:600;font-size:16px}"
          + ".tag{background:#5865f2;color:#fff;font-size:10px;font-weight:700;"
          + "padding:1px 5px;border-radius:3px;position:relative;top:-2px}"
          + ".time{color:#949ba4;font-size:12px}"
          + ".file{display:block;width:520px;height:auto;border-radius:8px;margin-top:6px}"
          + ".embed{max-width:496px;margin-top:8px;background:#2b2d31;border-left:4px solid"
          + " #1db954;border-radius:4px;padding:10px 16px 16px 12px}"
          + ".author{display:flex;align-items:center;color:#f2f3f5;font-weight:600;"
          + "font-size:14px;margin-top:4px}"
          + ".title{color:#f2f3f5;font-weight:700;font-size:16px;margin-top:8px}"
          + ".description{font-size:14px;margin-top:8px}"
          + ".description strong,.fvalue strong{color:#f2f3f5}"
          + ".date{background:rgba(78,80,88,.48);border-radius:3px;padding:0 2px}"
          + ".fields{display:grid;grid-template-columns:1fr 1fr;gap:8px 16px;margin-top:8px}"
          + ".field{grid-column:1/3}.field.inline{grid-column:auto}"
          + ".fname{color:#f2f3f5;font-weight:600;font-size:14px;margin-bottom:2px}"
          + ".fvalue{font-size:14px}"
          + ".footer{font-size:12px;color:#b5bac1;margin-top:8px}";
}
