package dev.likesbot.discord;

import dev.likesbot.config.BotConfig;
import dev.likesbot.metrics.Metrics;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Discord side: JDA's lifecycle, command registration and direct messages. */
public final class DiscordBot implements DirectMessenger, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DiscordBot.class);

  /** How long queued replies may take to go out after {@code shutdown()}. */
  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(3);

  private final BotConfig.Discord config;
  private final Metrics metrics;
  private volatile JDA jda;
  private volatile CommandRouter router;

  public DiscordBot(BotConfig.Discord config, Metrics metrics) {
    this.config = config;
    this.metrics = metrics;
  }

  public DiscordBot(BotConfig.Discord config) {
    this(config, Metrics.NONE);
  }

  /**
   * Logs in (JDA always asks for the GUILDS intent, which guild registration needs), waits until
   * the gateway is ready and registers {@code commands} with one bulk update.
   *
   * @throws DiscordStartException when Discord rejects the token or the guild is unknown
   */
  public void start(List<SlashCommand> commands, List<ButtonHandler> buttons, Executor workers) {
    String gateway = config.gatewayUrl().toString();
    String rest = config.apiBaseUrl().toString();
    router = new CommandRouter(commands, buttons, workers, metrics);
    try {
      jda =
          JDABuilder.createLight(config.token().reveal(), EnumSet.noneOf(GatewayIntent.class))
              .setRestConfig(new RestConfig().setBaseUrl(rest.endsWith("/") ? rest : rest + "/"))
              .setSessionController(
                  new SessionControllerAdapter() {
                    @Override
                    public String getGateway() {
                      return gateway;
                    }
                  })
              .setEnableShutdownHook(false)
              .setHttpClientBuilder(httpClient())
              .addEventListeners(router)
              .build();
      jda.awaitReady();
    } catch (InvalidTokenException e) {
      throw new DiscordStartException(
          "Discord rejected discord.token (env DISCORD_TOKEN): copy the bot token again from the"
              + " Discord Developer Portal (your application → Bot → Reset Token)",
          null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DiscordStartException("interrupted while connecting to Discord", e);
    } catch (RuntimeException e) {
      throw new DiscordStartException("cannot connect to Discord: " + e.getMessage(), e);
    }
    register(commands.stream().<CommandData>map(c -> data(c.spec())).toList());
  }

  /** JDA's own client settings (its IOUtil), plus counting 429s for /metrics. */
  private OkHttpClient.Builder httpClient() {
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequestsPerHost(25);
    return new OkHttpClient.Builder()
        .connectionPool(new ConnectionPool(5, 10, TimeUnit.SECONDS))
        .dispatcher(dispatcher)
        .addInterceptor(new RateLimitCounter(metrics));
  }

  private void register(List<CommandData> data) {
    if (config.guildId().isEmpty()) {
      jda.updateCommands()
          .addCommands(data)
          .queue(
              done -> log.info("Registered {} commands globally", done.size()),
              e -> log.error("Could not register the commands: {}", e.toString()));
      return;
    }
    long guildId = config.guildId().getAsLong();
    Guild guild = jda.getGuildById(guildId);
    if (guild == null) {
      throw new DiscordStartException(
          "the bot is not in the server discord.guild-id="
              + Long.toUnsignedString(guildId)
              + ": invite it to that server, or leave discord.guild-id empty",
          null);
    }
    guild
        .updateCommands()
        .addCommands(data)
        .queue(
            done -> log.info("Registered {} commands on server {}", done.size(), guild.getName()),
            e -> log.error("Could not register the commands: {}", e.toString()));
  }

  private static SlashCommandData data(CommandSpec spec) {
    SlashCommandData data = Commands.slash(spec.name(), spec.description());
    spec.options().forEach(o -> data.addOptions(option(o)));
    spec.subcommands()
        .forEach(
            s ->
                data.addSubcommands(
                    new SubcommandData(s.name(), s.description())
                        .addOptions(s.options().stream().map(DiscordBot::option).toList())));
    return data;
  }

  private static OptionData option(CommandSpec.Option option) {
    OptionType type =
        switch (option.type()) {
          case BOOLEAN -> OptionType.BOOLEAN;
          case INTEGER -> OptionType.INTEGER;
        };
    return new OptionData(type, option.name(), option.description(), option.required());
  }

  /**
   * Answers new commands and clicks with "restarting" instead of running them; the gateway stays up
   * so replies to commands in flight still go out.
   */
  public void stopTakingCommands() {
    CommandRouter current = router;
    if (current != null) {
      current.stopTaking();
    }
  }

  /** Whether the gateway connection is up. */
  public boolean connected() {
    JDA current = jda;
    return current != null && current.getStatus() == JDA.Status.CONNECTED;
  }

  @Override
  public CompletableFuture<Delivery> send(String userId, Reply message) {
    CompletableFuture<Delivery> result = new CompletableFuture<>();
    JDA current = jda;
    if (current == null) {
      result.completeExceptionally(new IllegalStateException("Discord is not connected yet"));
      return result;
    }
    current
        .openPrivateChannelById(userId)
        .flatMap(channel -> channel.sendMessage(JdaMessages.create(message)))
        .queue(
            sent -> result.complete(Delivery.SENT),
            e -> {
              if (e instanceof ErrorResponseException r
                  && r.getErrorResponse() == ErrorResponse.CANNOT_SEND_TO_USER) {
                result.complete(Delivery.DMS_CLOSED);
              } else {
                result.completeExceptionally(e);
              }
            });
    return result;
  }

  /**
   * {@code shutdown()} lets requests already queued (the last replies) go out; after {@link
   * #SHUTDOWN_WAIT} whatever is left is cancelled.
   */
  @Override
  public void close() {
    JDA current = jda;
    if (current == null) {
      return;
    }
    current.shutdown();
    try {
      if (!current.awaitShutdown(SHUTDOWN_WAIT)) {
        current.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      current.shutdownNow();
    }
  }
}
