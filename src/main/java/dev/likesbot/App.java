package dev.likesbot;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.likesbot.config.BotConfig;
import dev.likesbot.config.ConfigException;
import dev.likesbot.discord.DiscordBot;
import dev.likesbot.discord.DiscordStartException;
import dev.likesbot.likes.Cooldown;
import dev.likesbot.likes.LikesButtons;
import dev.likesbot.likes.LikesCommand;
import dev.likesbot.likes.LikesService;
import dev.likesbot.link.LinkCommand;
import dev.likesbot.link.LinkService;
import dev.likesbot.link.TokenCache;
import dev.likesbot.link.UnlinkCommand;
import dev.likesbot.spotify.webapi.WebApiSpotify;
import dev.likesbot.store.Database;
import dev.likesbot.store.JdbcShuffleStore;
import dev.likesbot.store.JdbcStore;
import dev.likesbot.store.StoreException;
import dev.likesbot.web.CallbackServer;
import dev.likesbot.web.WebStartException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Reads the configuration, builds every object by hand and runs the bot. */
public final class App implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(App.class);
  static final int EXIT_CONFIG = 2;
  static final int EXIT_START = 3;

  private final ThreadPoolExecutor workers;
  private final DiscordBot discord;
  private final CallbackServer web;

  private App(ThreadPoolExecutor workers, DiscordBot discord, CallbackServer web) {
    this.workers = workers;
    this.discord = discord;
    this.web = web;
  }

  public static void main(String[] args) {
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    Map<String, String> env = System.getenv();
    String named = args.length > 0 ? args[0] : env.get("BOT_CONFIG");
    Path file = Path.of(named != null && !named.isBlank() ? named : "bot.properties");
    try {
      App app =
          start(
              BotConfig.load(file, named != null, env),
              InstantSource.system(),
              Ticker.systemTicker());
      Runtime.getRuntime().addShutdownHook(new Thread(app::close, "likes-bot-shutdown"));
    } catch (ConfigException e) {
      log.error("Cannot start likes-bot. {}", e.getMessage());
      System.exit(EXIT_CONFIG);
    } catch (DiscordStartException | StoreException | WebStartException e) {
      log.error("Cannot start likes-bot: {}", e.getMessage());
      System.exit(EXIT_START);
    }
  }

  /** Starts the store, the web server and Discord; on failure stops what had started. */
  public static App start(BotConfig config, InstantSource clock, Ticker ticker) {
    QuietLibraries.install();
    List<AutoCloseable> started = new ArrayList<>();
    try {
      Database database = Database.open(config.store().url());
      JdbcStore store = new JdbcStore(database, clock);
      WebApiSpotify spotify = WebApiSpotify.create(config.spotify(), clock);
      TokenCache tokens = new TokenCache(store, spotify, clock, ticker);
      DiscordBot discord = new DiscordBot(config.discord());
      LinkService links =
          new LinkService(store, tokens, spotify, spotify, discord, new SecureRandom(), clock);
      LikesService likes =
          new LikesService(
              tokens,
              spotify,
              new JdbcShuffleStore(database),
              new SecureRandom(),
              config.likes().totalCacheTtl(),
              ticker);

      CallbackServer web = new CallbackServer(config.web(), links, () -> problems(discord, store));
      web.start();
      started.add(web);

      ThreadPoolExecutor workers =
          workers(config.likes().workerThreads(), config.likes().workerQueue());
      started.add(workers::shutdownNow);
      started.add(discord);
      // One cooldown for /likes and its Another button: both spend the app's Spotify quota.
      Cooldown cooldown = new Cooldown(config.likes().cooldown(), clock, ticker);
      discord.start(
          List.of(
              new LinkCommand(links, discord),
              new UnlinkCommand(links),
              new LikesCommand(likes, tokens, cooldown)),
          List.of(new LikesButtons(likes, tokens, cooldown)),
          workers);
      log.info("likes-bot is running");
      return new App(workers, discord, web);
    } catch (RuntimeException e) {
      java.util.Collections.reverse(started);
      started.forEach(App::closeQuietly);
      throw e;
    }
  }

  private static List<String> problems(DiscordBot discord, JdbcStore store) {
    List<String> problems = new ArrayList<>();
    if (!discord.connected()) {
      problems.add("Discord gateway not connected");
    }
    try {
      store.ping();
    } catch (StoreException e) {
      problems.add("store not answering");
    }
    return problems;
  }

  /** A bounded pool: handlers never run on JDA's event thread, and a flood is turned away. */
  private static ThreadPoolExecutor workers(int threads, int queue) {
    AtomicInteger n = new AtomicInteger();
    return new ThreadPoolExecutor(
        threads,
        threads,
        0,
        TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(queue),
        r -> {
          Thread t = new Thread(r, "likes-worker-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        },
        new ThreadPoolExecutor.AbortPolicy());
  }

  /** The callback server's port. */
  public int webPort() {
    return web.port();
  }

  /** Stops in reverse order of start: Discord (no new commands), the workers, then the web. */
  @Override
  public void close() {
    discord.close();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      workers.shutdownNow();
    }
    web.close();
    log.info("likes-bot stopped");
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      log.warn("Error while stopping: {}", e.toString());
    }
  }
}
