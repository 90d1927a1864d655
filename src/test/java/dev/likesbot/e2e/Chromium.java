package dev.likesbot.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, by their explicit paths, so
 * Selenium Manager never looks for (or downloads) a browser. Each instance is a fresh profile: a
 * browser of its own, with no cookies from another.
 */
final class Chromium implements AutoCloseable {
  static final Path BROWSER = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  /** Phone (CSS pixels of a common phone) and desktop widths the pages are checked at. */
  enum Screen {
    PHONE(390, 844, true),
    DESKTOP(1280, 800, false);

    final int width;
    final int height;
    final boolean mobile;

    Screen(int width, int height, boolean mobile) {
      this.width = width;
      this.height = height;
      this.mobile = mobile;
    }
  }

  final ChromeDriver driver;
  private final Path profile;

  /**
   * In CI ({@code CI=true}) a missing browser fails the test; elsewhere it is skipped with how to
   * install one.
   */
  static void requireInstalled() {
    if (Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER)) {
      return;
    }
    String why =
        "the browser test needs Debian's chromium and chromium-driver at "
            + BROWSER
            + " and "
            + DRIVER
            + " (apt-get install chromium chromium-driver; on Ubuntu chromium is a snap, see"
            + " README)";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError("CI must run the browser test: " + why);
    }
    Assumptions.assumeTrue(false, why);
  }

  /** A browser that resolves each of {@code hosts} to 127.0.0.1, as DNS would a public bot. */
  Chromium(String... hosts) {
    try {
      profile = Files.createTempDirectory("likes-bot-chromium");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    StringBuilder rules = new StringBuilder();
    for (String host : hosts) {
      rules.append(rules.length() == 0 ? "" : ",").append("MAP ").append(host).append(" 127.0.0.1");
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox", // CI runs as root
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--no-first-run",
        "--disable-extensions",
        "--user-data-dir=" + profile,
        "--host-resolver-rules=" + rules,
        // The test plays a public deployment over plain http: no automatic https attempt.
        "--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable",
        "--window-size=1280,800");
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(DRIVER.toString()))
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
  }

  /** Saves the current page at each screen size, light and dark, as {@code name-screen-mode}. */
  void screenshots(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      for (Screen screen : Screen.values()) {
        for (String scheme : List.of("light", "dark")) {
          emulate(screen, scheme);
          byte[] png = driver.getScreenshotAs(OutputType.BYTES);
          Files.write(
              SCREENSHOTS.resolve(
                  name
                      + "-"
                      + screen.name().toLowerCase(java.util.Locale.ROOT)
                      + "-"
                      + scheme
                      + ".png"),
              png);
        }
      }
      endEmulation();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Shows pages at {@code screen}'s size in the {@code scheme} ("light" or "dark") mode. */
  void emulate(Screen screen, String scheme) {
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of(
            "width", screen.width,
            "height", screen.height,
            "deviceScaleFactor", 1,
            "mobile", screen.mobile));
    driver.executeCdpCommand(
        "Emulation.setEmulatedMedia",
        Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
  }

  /** Back to the window's own size and mode. */
  void endEmulation() {
    driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
  }

  /** What the browser's console said (CSP violations, failed loads), for failure messages. */
  String consoleLog() {
    StringBuilder out = new StringBuilder();
    driver.manage().logs().get("browser").forEach(e -> out.append(e.getMessage()).append('\n'));
    return out.toString();
  }

  @Override
  public void close() {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary profile left behind is harmless
    }
  }
}
