package dev.likesbot;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.likesbot.config.BotConfig;
import dev.likesbot.config.ConfigException;
import dev.likesbot.discord.DiscordBot;
import dev.likesbot.discord.DiscordStartException;
import dev.likesbot.discord.ErrorReplies;
import dev.likesbot.discord.InteractionPipeline;
import dev.likesbot.discord.LinkCheck;
import dev.likesbot.discord.MemberLimiter;
import dev.likesbot.discord.OwnerAlerts;
import dev.likesbot.likes.LibraryReads;
import dev.likesbot.likes.LikesCommand;
import dev.likesbot.likes.LikesService;
import dev.likesbot.link.DailySweep;
import dev.likesbot.link.ExpiryReminders;
import dev.likesbot.link.LinkCommand;
import dev.likesbot.link.LinkService;
import dev.likesbot.link.LinkedDm;
import dev.likesbot.link.LoginMessages;
import dev.likesbot.link.UnlinkCommand;
import dev.likesbot.logging.ErrorIds;
import dev.likesbot.logging.LogSetup;
import dev.likesbot.logging.QuietLibraries;
import dev.likesbot.metrics.PrometheusMetrics;
import dev.likesbot.spotify.webapi.WebApiSpotify;
import dev.likesbot.store.Database;
import dev.likesbot.store.JdbcShuffleStore;
import dev.likesbot.store.JdbcStore;
import dev.likesbot.store.StoreException;
import dev.likesbot.store.StoredLink;
import dev.likesbot.text.MemberLocales;
import dev.likesbot.tokens.MemberTokens;
import dev.likesbot.tokens.NotLinkedException;
import dev.likesbot.web.CallbackServer;
import dev.likesbot.web.WebStartException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Reads the configuration, builds every object by hand and runs the bot. */
public final class App implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(App.class);
  static final int EXIT_CONFIG = 2;
  static final int EXIT_START = 3;

  /** How long commands in flight may take to finish once a stop is asked for. */
  static final Duration DRAIN_WAIT = Duration.ofSeconds(5);

  /** A worker's stack: a command is a few calls deep in HTTP, JSON and JDBC code, never more. */
  static final long WORKER_STACK = 256 * 1024;

  private final ThreadPoolExecutor workers;
  private final MemberLimiter limiter;
  private final DiscordBot discord;
  private final CallbackServer web;
  private final Database database;
  private final DailySweep sweep;
  private final LoginMessages loginMessages;
  private final PrometheusMetrics metrics;
  private final AtomicBoolean stopping;
  private final LibraryReads library;

  private App(
      ThreadPoolExecutor workers,
      MemberLimiter limiter,
      DiscordBot discord,
      CallbackServer web,
      Database database,
      DailySweep sweep,
      LoginMessages loginMessages,
      PrometheusMetrics metrics,
      AtomicBoolean stopping,
      LibraryReads library) {
    this.library = library;
    this.loginMessages = loginMessages;
    this.metrics = metrics;
    this.workers = workers;
    this.limiter = limiter;
    this.discord = discord;
    this.web = web;
    this.database = database;
    this.sweep = sweep;
    this.stopping = stopping;
  }

  public static void main(String[] args) {
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    Map<String, String> env = System.getenv();
    // The checklist and the usage are the program's output, not a log: UTF-8 whatever the
    // locale says, so the marks survive a bare container.
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    CommandLine command;
    try {
      command = CommandLine.parse(args);
    } catch (CommandLine.UsageException e) {
      new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8)
          .println("likes-bot: " + e.getMessage());
      System.exit(EXIT_CONFIG);
      return;
    }
    if (command.mode() == CommandLine.Mode.HELP) {
      out.print(CommandLine.USAGE);
      System.exit(0);
    }
    String named = command.configFile().orElse(env.get("BOT_CONFIG"));
    Path file = Path.of(named != null && !named.isBlank() ? named : "bot.properties");
    if (command.mode() == CommandLine.Mode.CHECK) {
      System.exit(SetupCheck.run(file, named != null, env, out, InstantSource.system()));
    }
    try {
      BotConfig config = BotConfig.load(file, named != null, env);
      LogSetup.apply(config.log());
      // Registered before the start, so a stop asked for during it (a quick docker stop) is not
      // an "IllegalStateException: Shutdown in progress"; what had started is then just dropped.
      AtomicReference<App> running = new AtomicReference<>();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    App app = running.get();
                    if (app != null) {
                      app.close();
                      // The JVM reports a SIGTERM as exit 143 even after a clean stop; a stop we
                      // completed is a success, so say 0.
                      Runtime.getRuntime().halt(0);
                    }
                  },
                  "likes-bot-shutdown"));
      running.set(start(config, InstantSource.system(), Ticker.systemTicker()));
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
      SecureRandom random = new SecureRandom();
      // Opening the store (its migrations) and building the Spotify client are each mostly class
      // loading, a good part of a second on a small machine: side by side.
      CompletableFuture<Database> opening =
          CompletableFuture.supplyAsync(
              () -> Database.open(config.store(), random), App::startThread);
      started.add(whenStarted(opening));
      PrometheusMetrics metrics = PrometheusMetrics.create();
      started.add(metrics);
      WebApiSpotify spotify = WebApiSpotify.create(config.spotify(), clock, metrics);
      Database database = await(opening);
      JdbcStore store = new JdbcStore(database, clock);
      metrics.linkedMembers(store::linkCount);
      MemberTokens tokens = new MemberTokens(store, spotify, clock, ticker, metrics);
      DiscordBot discord = new DiscordBot(config.discord(), metrics);
      // Each member's language, for DMs sent with no interaction at hand.
      MemberLocales locales = new MemberLocales(store, ticker);
      tokens.whenForgotten(locales::forget);
      OwnerAlerts alerts = new OwnerAlerts(discord.owner(), discord, clock, locales);
      // Every error id is a member told "something went wrong": the owner hears of a run of them.
      ErrorIds errorIds = new ErrorIds(random, alerts::failed);
      LoginMessages loginMessages =
          new LoginMessages(
              discord,
              new LinkedDm(discord, locales),
              clock,
              id -> tokens.current(id).map(StoredLink::linkedAt));
      LinkService links =
          new LinkService(
              store,
              tokens,
              spotify,
              spotify,
              loginMessages,
              alerts::refusedAccount,
              loginMessages::endedUnlinked,
              alerts::quotaExceeded,
              random,
              clock,
              CallbackServer.loginPages(config.spotify().redirectUri()));
      LikesService likes =
          new LikesService(
              tokens,
              spotify,
              new JdbcShuffleStore(database),
              random,
              config.likes().totalCacheTtl(),
              ticker);
      LibraryReads library =
          LibraryReads.start(config.library(), tokens, spotify, discord, clock, ticker);
      started.add(library);
      ExpiryReminders reminders = new ExpiryReminders(store, discord, clock, locales);

      AtomicBoolean stopping = new AtomicBoolean();
      CallbackServer web =
          new CallbackServer(
              config.web(),
              config.spotify(),
              links,
              () -> problems(discord, store, stopping),
              metrics::scrape,
              discord.owner()::name,
              errorIds);
      web.openDiscordWith(loginMessages::channelUrl);
      // Jetty's start and Discord's login each take a good part of a second: side by side.
      CompletableFuture<Void> webStarted = CompletableFuture.runAsync(web::start, App::startThread);
      started.add(whenStarted(webStarted.thenApply(v -> web)));

      ThreadPoolExecutor workers =
          workers(config.likes().workerThreads(), config.likes().workerQueue());
      metrics.monitor(workers, "likesbot.workers");
      started.add(workers::shutdownNow);
      BotConfig.Limit limit = config.likes().limit();
      MemberLimiter limiter =
          limit.enabled()
              ? new MemberLimiter(limit.burst(), limit.refillEvery(), limit.maxWait(), ticker)
              : MemberLimiter.off();
      started.add(limiter);
      started.add(discord);
      discord.start(
          new InteractionPipeline(
              List.of(
                  new LinkCommand(links, tokens, discord, loginMessages),
                  new UnlinkCommand(tokens),
                  new LikesCommand(likes, library.stats(), library.export())),
              new LinkCheck(tokens::isLinked, NotLinkedException.class),
              workers,
              limiter,
              metrics,
              new ErrorReplies(alerts, errorIds),
              locales));
      await(webStarted);
      loginMessages.start();
      started.add(loginMessages);
      DailySweep sweep = new DailySweep(reminders, store);
      sweep.start();
      log.info("likes-bot is running");
      return new App(
          workers,
          limiter,
          discord,
          web,
          database,
          sweep,
          loginMessages,
          metrics,
          stopping,
          library);
    } catch (RuntimeException e) {
      java.util.Collections.reverse(started);
      started.forEach(App::closeQuietly);
      throw e;
    }
  }

  private static void startThread(Runnable r) {
    Thread t = new Thread(r, "likes-bot-start");
    t.setDaemon(true);
    t.start();
  }

  /** Waits for a part started beside the others; its own exception (a port taken) as is. */
  private static <T> T await(CompletableFuture<T> start) {
    try {
      return start.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** On a failed start: what a part started beside the others opened, closed once it has. */
  private static AutoCloseable whenStarted(CompletableFuture<? extends AutoCloseable> start) {
    return () -> {
      AutoCloseable part;
      try {
        part = start.join();
      } catch (CompletionException e) {
        return; // it never started
      }
      part.close();
    };
  }

  private static List<String> problems(
      DiscordBot discord, JdbcStore store, AtomicBoolean stopping) {
    List<String> problems = new ArrayList<>();
    if (stopping.get()) {
      problems.add("shutting down");
    }
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

  /**
   * Commands spend nearly all their time waiting on Spotify and Discord, so a burst needs many
   * threads rather than fast ones: each gets a small stack, and idle ones end after a minute so a
   * quiet bot holds none. Bounded: handlers never run on JDA's event thread, and a flood beyond the
   * queue is turned away.
   */
  private static ThreadPoolExecutor workers(int threads, int queue) {
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(queue),
            r -> {
              Thread t = new Thread(null, r, "likes-worker-" + n.incrementAndGet(), WORKER_STACK);
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.AbortPolicy());
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** Whole-library reads, for tests that check what is kept. */
  public LibraryReads libraryReads() {
    return library;
  }

  /** The daily housekeeping, for tests that run it on their own clock. */
  public DailySweep dailySweep() {
    return sweep;
  }

  /**
   * Stops within about 10 s: new commands, and those still queued or held by the member limit, are
   * told the bot is restarting; commands in flight get {@link #DRAIN_WAIT} to finish, then JDA
   * sends the replies still queued and disconnects, then the web server and the store stop.
   */
  @Override
  public void close() {
    if (!stopping.compareAndSet(false, true)) {
      return;
    }
    log.info("Stopping: finishing the commands in flight");
    sweep.close();
    loginMessages.close(); // no expiry edit starts after this
    discord.stopTakingCommands();
    // Whole-library reads are abandoned, their members told the bot is restarting.
    library.close();
    limiter.close();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(DRAIN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("Commands still running after {} s are cut short", DRAIN_WAIT.toSeconds());
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      workers.shutdownNow();
    }
    closeQuietly(discord);
    closeQuietly(web);
    closeQuietly(database);
    closeQuietly(metrics);
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
