package dev.likesbot.discord;

import dev.likesbot.config.BotConfig;
import dev.likesbot.metrics.Metrics;
import dev.likesbot.text.Texts;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.ApplicationInfo;
import net.dv8tion.jda.api.entities.ApplicationTeam;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.TeamMember;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.interactions.DiscordLocale;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import net.dv8tion.jda.api.interactions.commands.localization.LocalizationFunction;
import net.dv8tion.jda.api.interactions.commands.localization.ResourceBundleLocalizationFunction;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Discord side: JDA's lifecycle, command registration and direct messages. Always a {@link
 * ShardManager}, running the shards {@code discord.shard-ids} of {@code discord.shard-total}; with
 * the defaults that is the one shard of an unsharded bot.
 */
public final class DiscordBot implements DirectMessenger, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DiscordBot.class);

  /** How long queued replies may take to go out after {@code shutdown()}. */
  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(3);

  /** How long start-up waits for Discord to say who the bot's owner is. */
  private static final Duration OWNER_WAIT = Duration.ofSeconds(10);

  private final BotConfig.Discord config;
  private final Metrics metrics;
  private final Owner owner = new Owner();
  private volatile ShardManager shards;
  private volatile InteractionPipeline pipeline;

  public DiscordBot(BotConfig.Discord config, Metrics metrics) {
    this.config = config;
    this.metrics = metrics;
  }

  /**
   * Logs in this process's shards (JDA always asks for the GUILDS intent, which guild registration
   * needs), waits until each is ready and registers the pipeline's commands with one bulk update,
   * from the one process that holds shard 0 (global commands) or the guild's shard. From then on
   * every command and click goes through {@code interactions}.
   *
   * @throws DiscordStartException when Discord rejects the token or the guild is unknown
   */
  public void start(InteractionPipeline interactions) {
    String gateway = config.gatewayUrl().toString();
    String rest = config.apiBaseUrl().toString();
    pipeline = interactions;
    try {
      shards =
          DefaultShardManagerBuilder.createLight(
                  config.token().reveal(), EnumSet.noneOf(GatewayIntent.class))
              .setRestConfig(new RestConfig().setBaseUrl(rest.endsWith("/") ? rest : rest + "/"))
              .setSessionController(
                  new SessionControllerAdapter() {
                    @Override
                    public String getGateway() {
                      return gateway;
                    }

                    // The shard count is configured, so skip GET gateway/bot (which would also
                    // point at Discord's own gateway rather than discord.gateway-url).
                    @Override
                    public ShardedGateway getShardedGateway(JDA api) {
                      return new ShardedGateway(gateway, config.shardTotal());
                    }
                  })
              .setShardsTotal(config.shardTotal())
              .setShards(config.shardIds())
              .setEnableShutdownHook(false)
              .setHttpClientBuilder(httpClient())
              .addEventListeners(new CommandRouter(interactions))
              .build();
      awaitReady(shards);
    } catch (InvalidTokenException e) {
      throw tokenRejected();
    } catch (ErrorResponseException e) {
      // The ShardManager fetches the bot user itself, so a bad token surfaces as a plain 401.
      if (e.getResponse() != null && e.getResponse().code == 401) {
        throw tokenRejected();
      }
      throw new DiscordStartException("cannot connect to Discord: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DiscordStartException("interrupted while connecting to Discord", e);
    } catch (RuntimeException e) {
      throw new DiscordStartException("cannot connect to Discord: " + e.getMessage(), e);
    }
    logInviteWhenInNoServer(shards.getShards());
    register(
        interactions.specs().stream().<CommandData>map(DiscordBot::data).toList(),
        interactions.commands());
    findOwner(shards.getShards().get(0));
  }

  /** The bot's owner: known once {@link #start} has asked Discord. */
  public Owner owner() {
    return owner;
  }

  /**
   * Asks Discord once, on the starting thread (never JDA's event thread), who the owner is: the
   * user {@code bot.owner-id} names, else the application's owner, or its team's owner for an
   * application owned by a team (Discord then reports the team as the "owner" user). The bot runs
   * on without an owner when Discord cannot say.
   */
  private void findOwner(JDA shard) {
    try {
      if (config.ownerId().isPresent()) {
        String id = Long.toUnsignedString(config.ownerId().getAsLong());
        owner.known(id, "");
        User user =
            shard.retrieveUserById(id).submit().get(OWNER_WAIT.toSeconds(), TimeUnit.SECONDS);
        owner.known(id, user.getEffectiveName());
      } else {
        ApplicationInfo app =
            shard.retrieveApplicationInfo().submit().get(OWNER_WAIT.toSeconds(), TimeUnit.SECONDS);
        ApplicationTeam team = app.getTeam();
        if (team == null) {
          owner.known(app.getOwner().getId(), app.getOwner().getEffectiveName());
        } else if (team.getOwnerIdLong() != 0) {
          TeamMember member = team.getOwner();
          owner.known(team.getOwnerId(), member == null ? "" : member.getUser().getEffectiveName());
        } else {
          throw new IllegalStateException("Discord named no owner of the application's team");
        }
      }
      log.info("The bot's owner is Discord user {}", owner.id().orElseThrow());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ownerUnknown(e);
    } catch (ExecutionException e) {
      ownerUnknown(e.getCause());
    } catch (TimeoutException | RuntimeException e) {
      ownerUnknown(e);
    }
  }

  private void ownerUnknown(Throwable e) {
    if (config.ownerId().isPresent()) {
      log.warn(
          "Discord does not know the user bot.owner-id (env BOT_OWNER_ID) names ({}): members are"
              + " told to ask them, but DMs to them will fail; check the id (right-click the"
              + " owner's name in Discord with Developer Mode on → Copy User ID)",
          e.toString());
      return;
    }
    log.warn(
        "Could not find the bot's owner ({}): members are told to ask \"the bot's owner\" without"
            + " a name, and nobody is DMed about refused Spotify accounts, the Spotify quota or"
            + " repeated failures; set bot.owner-id (env BOT_OWNER_ID) to your Discord user id",
        e.toString());
  }

  /**
   * The scopes and permissions a server grants when adding the bot: {@code bot} to join, {@code
   * applications.commands} for its slash commands. No permissions: it only answers interactions
   * (which need none) and sends DMs.
   */
  static String inviteUrl(long applicationId) {
    return "https://discord.com/oauth2/authorize?client_id="
        + Long.toUnsignedString(applicationId)
        + "&scope=bot+applications.commands&permissions=0";
  }

  /**
   * A new bot is in no server, and its commands cannot be used until someone adds it; saying how at
   * start saves a trip to the Developer Portal. Only this process's shards are known here.
   */
  private static void logInviteWhenInNoServer(List<JDA> running) {
    if (running.isEmpty()
        || running.stream()
            .anyMatch(s -> !s.getGuildCache().isEmpty() || !s.getUnavailableGuilds().isEmpty())) {
      return;
    }
    log.info(
        "The bot is in no server yet: add it to yours with {}",
        inviteUrl(running.get(0).getSelfUser().getApplicationIdLong()));
  }

  private static DiscordStartException tokenRejected() {
    return new DiscordStartException(
        "Discord rejected discord.token (env DISCORD_TOKEN): copy the bot token again from the"
            + " Discord Developer Portal (your application → Bot → Reset Token)",
        null);
  }

  /** The manager builds the first shard at once and queues the rest (IDENTIFY is rate limited). */
  private void awaitReady(ShardManager manager) throws InterruptedException {
    // JDA starts one queued shard about every 5 s and only logs a shard it fails to build, so
    // the wait has a deadline rather than hanging start-up forever.
    long deadline =
        System.nanoTime() + Duration.ofSeconds(60 + 6L * config.shardIds().size()).toNanos();
    while (manager.getShardsQueued() > 0) {
      if (System.nanoTime() > deadline) {
        throw new DiscordStartException(
            manager.getShardsQueued()
                + " shard(s) did not start: check the log for the shard's error, and"
                + " discord.shard-ids and discord.shard-total",
            null);
      }
      Thread.sleep(100);
    }
    for (JDA shard : manager.getShards()) {
      shard.awaitReady();
    }
    log.info("Connected shards {} of {}", config.shardIds(), config.shardTotal());
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

  /**
   * Registers {@code data} and tells {@code mentions} the ids Discord answered; a process that does
   * not register global commands looks them up instead, so its replies can mention them too.
   */
  private void register(List<CommandData> data, CommandMentions mentions) {
    if (config.guildId().isEmpty()) {
      JDA first = shards.getShardById(0);
      if (first == null) {
        log.info("Global commands are registered by the process running shard 0");
        shards
            .getShards()
            .get(0)
            .retrieveCommands()
            .queue(
                found -> learn(found, mentions),
                e -> log.warn("Could not look up the commands: {}", e.toString()));
        return;
      }
      first
          .updateCommands()
          .addCommands(data)
          .queue(
              done -> {
                learn(done, mentions);
                log.info("Registered {} commands globally", done.size());
              },
              e -> log.error("Could not register the commands: {}", e.toString()));
      return;
    }
    long guildId = config.guildId().getAsLong();
    int shardId = config.shardOf(guildId);
    JDA shard = shards.getShardById(shardId);
    if (shard == null) {
      // Guild commands can only be read through the guild's shard: commands stay plain text here.
      log.info("The server's commands are registered by the process running shard {}", shardId);
      return;
    }
    Guild guild = shard.getGuildById(guildId);
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
            done -> {
              learn(done, mentions);
              log.info("Registered {} commands on server {}", done.size(), guild.getName());
            },
            e -> log.error("Could not register the commands: {}", e.toString()));
  }

  private static void learn(List<Command> commands, CommandMentions mentions) {
    commands.forEach(c -> mentions.learn(c.getName(), c.getAsMention()));
  }

  static SlashCommandData data(CommandSpec spec) {
    SlashCommandData data = Commands.slash(spec.name(), spec.description());
    data.setLocalizationFunction(TRANSLATIONS);
    spec.options().forEach(o -> data.addOptions(option(o)));
    spec.subcommands()
        .forEach(
            s ->
                data.addSubcommands(
                    new SubcommandData(s.name(), s.description())
                        .addOptions(s.options().stream().map(DiscordBot::option).toList())));
    return data;
  }

  /**
   * Names and descriptions in every Discord locale that has a translation file (see {@link Texts}):
   * Discord shows members the command in their client's language; the English names stay the
   * commands' real names, which interactions carry whatever the member saw.
   */
  private static final LocalizationFunction TRANSLATIONS = translations();

  private static LocalizationFunction translations() {
    ResourceBundleLocalizationFunction.Builder builder = ResourceBundleLocalizationFunction.empty();
    for (DiscordLocale locale : DiscordLocale.values()) {
      if (locale != DiscordLocale.UNKNOWN && Texts.translated(locale.toLocale())) {
        builder.addBundle(Texts.bundle(locale.toLocale()), locale);
      }
    }
    return builder.build();
  }

  private static OptionData option(CommandSpec.Option option) {
    OptionType type =
        switch (option.type()) {
          case BOOLEAN -> OptionType.BOOLEAN;
          case INTEGER -> OptionType.INTEGER;
          case STRING -> OptionType.STRING;
        };
    OptionData data = new OptionData(type, option.name(), option.description(), option.required());
    option.min().ifPresent(data::setMinValue);
    option.choices().forEach(c -> data.addChoice(c, c));
    return data;
  }

  /**
   * Answers new commands and clicks, and those still held or queued, with "restarting" instead of
   * running them; the gateway stays up so replies to commands in flight still go out.
   */
  public void stopTakingCommands() {
    InteractionPipeline current = pipeline;
    if (current != null) {
      current.stopTaking();
    }
  }

  /** Whether every shard of this process has its gateway connection up. */
  public boolean connected() {
    ShardManager current = shards;
    if (current == null) {
      return false;
    }
    List<JDA> running = current.getShards();
    return running.size() == config.shardIds().size()
        && running.stream().allMatch(s -> s.getStatus() == JDA.Status.CONNECTED);
  }

  @Override
  public CompletableFuture<Delivery> send(String userId, Reply message) {
    return sendEditable(userId, message).thenApply(Sent::delivery);
  }

  @Override
  public CompletableFuture<Sent> sendEditable(String userId, Reply message) {
    CompletableFuture<Sent> result = new CompletableFuture<>();
    List<JDA> running = running();
    if (running.isEmpty()) {
      result.completeExceptionally(new IllegalStateException("Discord is not connected yet"));
      return result;
    }
    // Opening a DM is plain REST, so any shard of this process can send it.
    running
        .get(0)
        .openPrivateChannelById(userId)
        .flatMap(channel -> channel.sendMessage(JdaMessages.create(message)))
        .queue(
            sent -> result.complete(new Sent(Delivery.SENT, Optional.of(sent.getId()))),
            e -> {
              if (e instanceof ErrorResponseException r
                  && r.getErrorResponse() == ErrorResponse.CANNOT_SEND_TO_USER) {
                result.complete(new Sent(Delivery.DMS_CLOSED, Optional.empty()));
              } else {
                result.completeExceptionally(e);
              }
            });
    return result;
  }

  @Override
  public CompletableFuture<Void> edit(String userId, String messageId, Reply message) {
    List<JDA> running = running();
    if (running.isEmpty()) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("Discord is not connected yet"));
    }
    return running
        .get(0)
        .openPrivateChannelById(userId)
        .flatMap(channel -> channel.editMessageById(messageId, JdaMessages.edit(message)))
        .submit()
        .thenApply(edited -> null);
  }

  private List<JDA> running() {
    ShardManager current = shards;
    return current == null ? List.of() : current.getShards();
  }

  /**
   * {@code shutdown()} lets requests already queued (the last replies) go out; after {@link
   * #SHUTDOWN_WAIT} whatever is left is cancelled. The shard manager goes last: its shutdown ends
   * the thread pools the shards share, and a rate-limit bucket still sending on them was refused
   * ("Failed to execute bucket worker"), its reply lost, such as a read's "the bot is restarting".
   */
  @Override
  public void close() {
    ShardManager current = shards;
    if (current == null) {
      return;
    }
    List<JDA> running = current.getShards();
    running.forEach(JDA::shutdown);
    long deadline = System.nanoTime() + SHUTDOWN_WAIT.toNanos();
    for (JDA shard : running) {
      try {
        if (!shard.awaitShutdown(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
          shard.shutdownNow();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        shard.shutdownNow();
      }
    }
    current.shutdown();
  }
}
