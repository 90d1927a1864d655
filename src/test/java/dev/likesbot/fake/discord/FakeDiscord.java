package dev.likesbot.fake.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.SessionController;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A test-only Discord: the REST API and the gateway WebSocket on 127.0.0.1, good enough for the
 * real JDA to log in, register commands, receive interactions and answer them.
 *
 * <p>Point JDA at it with {@code new RestConfig().setBaseUrl(fake.apiBaseUrl())} and a {@code
 * SessionControllerAdapter} whose {@code getGateway()} returns {@link #gatewayUrl()}. Anything the
 * fake does not model, or that real Discord would reject, lands in {@link #failures()}; tests
 * should assert it is empty.
 */
public final class FakeDiscord implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FakeDiscord.class);
  private static final Duration GATEWAY_WAIT = Duration.ofSeconds(10);
  private static final int INTERACTION_COMMAND = FakeInteraction.INTERACTION_COMMAND;
  private static final int INTERACTION_COMPONENT = FakeInteraction.INTERACTION_COMPONENT;
  private static final int INTERACTION_MODAL_SUBMIT = FakeInteraction.INTERACTION_MODAL_SUBMIT;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] TOKEN_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  /**
   * How the fake presents itself.
   *
   * @param botToken the token the bot must use (REST {@code Authorization: Bot ...} and IDENTIFY)
   * @param applicationId the application id sent in READY
   * @param guildId if not null, the bot is in this guild (READY + GUILD_CREATE with one text
   *     channel, see {@link #guildChannelId()})
   */
  public record Options(String botToken, long applicationId, Long guildId) {
    public static final String DEFAULT_TOKEN = "fake-bot-token";
    public static final long DEFAULT_APPLICATION_ID = 1100000000000000001L;

    public Options {
      if (botToken == null || botToken.isBlank()) {
        throw new IllegalArgumentException("botToken must not be blank");
      }
      if (applicationId <= 0 || (guildId != null && guildId <= 0)) {
        throw new IllegalArgumentException("ids must be positive snowflakes");
      }
    }

    public static Options defaults() {
      return new Options(DEFAULT_TOKEN, DEFAULT_APPLICATION_ID, null);
    }

    public Options withGuild(long guildId) {
      return new Options(botToken, applicationId, guildId);
    }

    public Options withBotToken(String botToken) {
      return new Options(botToken, applicationId, guildId);
    }
  }

  private final Options options;
  private final long botUserId;
  private final Payloads payloads;
  private final CommandRegistry commands;
  private final Messages messages = new Messages();
  private final DirectMessages dms = new DirectMessages();
  private final Map<Long, FakeUser> users = new ConcurrentHashMap<>();
  private final Map<String, FakeInteraction> interactions = new ConcurrentHashMap<>();
  private final List<String> failures = new CopyOnWriteArrayList<>();
  private final AtomicLong answers = new AtomicLong();
  private volatile InstantSource clock = InstantSource.system();
  private final Gateway gateway;
  private final RestApi rest;
  private final Javalin app;

  private FakeDiscord(Options options) {
    this.options = options;
    // Distinct from the application id, so code mixing the two up fails here.
    this.botUserId = options.applicationId() + 1;
    this.payloads = new Payloads(botUserId, options.applicationId(), options.guildId());
    // The application's owner is a user like any other: the bot may look them up and DM them.
    users.put(payloads.applicationOwnerId(), new FakeUser(payloads.applicationOwnerId(), "owner"));
    this.commands = new CommandRegistry(options.applicationId());
    this.gateway =
        new Gateway(options.botToken(), payloads, this::gatewayUrl, options.guildId(), this::fail);
    this.rest =
        new RestApi(
            options.botToken(),
            options.applicationId(),
            payloads,
            commands,
            messages,
            dms,
            users::get,
            interactions::get,
            options.guildId(),
            this::gatewayUrl,
            gateway::shardTotal,
            this::fail);
    this.app =
        Javalin.create(
            cfg -> {
              cfg.startup.showJavalinBanner = false;
              cfg.startup.showOldJavalinVersionWarning = false;
              // Javalin refuses bodies over 1 MB itself; Discord takes up to 10 MiB of files (and
              // answers more with its own 413, which MessageRules gives), so the fake reads them.
              cfg.http.maxRequestSize = 4 * MessageRules.MAX_UPLOAD_BYTES;
              // Jetty's default 30 s idle timeout is shorter than the heartbeat interval.
              cfg.jetty.modifyWebSocketServletFactory(
                  factory -> factory.setIdleTimeout(Duration.ofMinutes(10)));
              cfg.routes.ws("/gateway", gateway::configure);
              for (HandlerType type :
                  List.of(
                      HandlerType.GET,
                      HandlerType.POST,
                      HandlerType.PUT,
                      HandlerType.PATCH,
                      HandlerType.DELETE)) {
                cfg.routes.addHttpHandler(type, "/api/<path>", rest::handle);
              }
              cfg.routes.error(
                  404,
                  ctx -> {
                    if (!ctx.path().startsWith("/api/") && !ctx.path().equals("/gateway")) {
                      fail(ctx.method().name() + " " + ctx.path() + " -> 404 (outside the API)");
                    }
                  });
            });
  }

  /** Starts with {@link Options#defaults()}: no guild, token {@code fake-bot-token}. */
  public static FakeDiscord start() {
    return start(Options.defaults());
  }

  public static FakeDiscord start(Options options) {
    FakeDiscord fake = new FakeDiscord(options);
    fake.app.start("127.0.0.1", 0);
    LOG.info("fake Discord listening on {}", fake.apiBaseUrl());
    return fake;
  }

  /** REST base URL for JDA's RestConfig, e.g. {@code http://127.0.0.1:PORT/api/v10/}. */
  public String apiBaseUrl() {
    return "http://127.0.0.1:" + app.port() + RestApi.PREFIX;
  }

  /** Gateway URL for the SessionController; JDA appends encoding, version and compression. */
  public String gatewayUrl() {
    return "ws://127.0.0.1:" + app.port() + "/gateway";
  }

  /** JDA REST configuration pointing at this fake. */
  public RestConfig restConfig() {
    return new RestConfig().setBaseUrl(apiBaseUrl());
  }

  /** A JDA session controller whose gateway is this fake (a new one per JDA instance). */
  public SessionController sessionController() {
    String url = gatewayUrl();
    return new SessionControllerAdapter() {
      @Override
      public String getGateway() {
        return url;
      }
    };
  }

  public String botToken() {
    return options.botToken();
  }

  public long applicationId() {
    return options.applicationId();
  }

  public long botUserId() {
    return botUserId;
  }

  /** The user who owns the application (username "owner"), unless a team owns it. */
  public long applicationOwnerId() {
    return payloads.applicationOwnerId();
  }

  /**
   * From now on a team owns the application, as Discord reports it in {@code GET
   * oauth2/applications/@me}: {@code owner} is the first of {@code members}, who become users.
   */
  public void ownApplicationByTeam(long teamId, String teamName, List<FakeUser> members) {
    members.forEach(m -> users.put(m.id(), m));
    payloads.team(new Payloads.Team(teamId, teamName, members));
  }

  /** The guild the bot is in, or null. */
  public Long guildId() {
    return options.guildId();
  }

  /** The one text channel of the guild ({@code guildId + 1}). */
  public long guildChannelId() {
    requireGuild(options.guildId());
    return payloads.guildChannelId();
  }

  /** Waits until a bot completed IDENTIFY and was sent READY; AssertionError on timeout. */
  public void awaitIdentified(Duration timeout) {
    gateway.awaitIdentified(timeout);
  }

  /** Waits until a bot identified as shard {@code shardId}; AssertionError on timeout. */
  public void awaitIdentified(int shardId, Duration timeout) {
    gateway.awaitIdentified(shardId, timeout);
  }

  /** The shard whose session gets this guild's events, for the shard total the bot uses. */
  public int shardOf(long guildId) {
    return gateway.shardOf(guildId);
  }

  public int identifyCount() {
    return gateway.identifyCount();
  }

  /** How many RESUMEs were answered with RESUMED. */
  public int resumeCount() {
    return gateway.resumeCount();
  }

  /** The global commands of the last bulk overwrite, as answered (with ids). */
  public List<JsonNode> globalCommands() {
    return commands.global();
  }

  public List<JsonNode> guildCommands(long guildId) {
    return commands.guild(guildId);
  }

  /** Bulk overwrites received so far, global and guild. */
  public int commandUpdateCount() {
    return commands.updates();
  }

  /** Waits until at least {@code count} bulk overwrites arrived; AssertionError on timeout. */
  public void awaitCommandUpdates(int count, Duration timeout) {
    commands.awaitUpdates(count, timeout);
  }

  /** Registers a user so that DMs, lookups and interactions work for it. */
  public FakeUser user(long id, String username) {
    return user(new FakeUser(id, username));
  }

  /** Registers a user with a picture of their own ({@code avatar}: its hash). */
  public FakeUser user(long id, String username, String avatar) {
    return user(new FakeUser(id, username, avatar));
  }

  private FakeUser user(FakeUser user) {
    users.put(user.id(), user);
    return user;
  }

  /** Later DM sends to this user are answered 403 with code 50007, like Discord. */
  public void closeDms(long userId) {
    dms.close(userId);
  }

  /** A slash command the user runs in the bot's DM. Options keep the map's iteration order. */
  public FakeInteraction slashCommand(
      FakeUser user, String command, String subcommandOrNull, Map<String, Object> options) {
    users.putIfAbsent(user.id(), user);
    Place place = new Place(dms.channelFor(user.id()), null);
    return sendCommand(user, place, command, subcommandOrNull, options);
  }

  /** A slash command the user runs in a channel of the bot's guild. */
  public FakeInteraction slashCommandInGuild(
      FakeUser user,
      long guildId,
      long channelId,
      String command,
      String subcommandOrNull,
      Map<String, Object> options) {
    requireGuild(guildId);
    if (channelId != payloads.guildChannelId()) {
      throw new IllegalArgumentException(
          "channel " + channelId + " is not in the guild; use guildChannelId()");
    }
    users.putIfAbsent(user.id(), user);
    return sendCommand(user, new Place(channelId, guildId), command, subcommandOrNull, options);
  }

  private FakeInteraction sendCommand(
      FakeUser user, Place place, String command, String sub, Map<String, Object> options) {
    Optional<JsonNode> definition = commands.find(place.guildId(), command);
    if (definition.isEmpty()) {
      fail("slash command /" + command + " was never registered for " + where(place));
    }
    if (definition.isPresent() && !usableAt(definition.get(), place)) {
      fail("slash command /" + command + " is not usable in " + where(place) + " (contexts)");
    }
    ObjectNode data = Payloads.object();
    data.put("id", definition.map(d -> d.get("id").asText()).orElse("0"));
    data.put("name", command);
    data.put("type", 1);
    definition
        .filter(d -> d.hasNonNull("guild_id"))
        .ifPresent(d -> data.put("guild_id", d.get("guild_id").asText()));
    JsonNode declared = definition.map(d -> d.path("options")).orElse(Payloads.array());
    CommandOptions built = new CommandOptions(place, users::get, this::fail);
    if (sub == null) {
      data.set("options", built.build("/" + command, declared, options));
    } else {
      JsonNode subDefinition = findOption(declared, sub, 1);
      if (definition.isPresent() && subDefinition.isMissingNode()) {
        fail("slash command /" + command + " has no subcommand " + sub);
      }
      ObjectNode subOption = Payloads.array().addObject();
      subOption.put("type", 1);
      subOption.put("name", sub);
      subOption.set(
          "options",
          built.build("/" + command + " " + sub, subDefinition.path("options"), options));
      data.putArray("options").add(subOption);
    }
    built.resolved().ifPresent(resolved -> data.set("resolved", resolved));
    return send(INTERACTION_COMMAND, place, user, data, null);
  }

  /** Discord only offers a command where its contexts allow it (JDA default: guild + bot DM). */
  private static boolean usableAt(JsonNode command, Place place) {
    JsonNode contexts = command.path("contexts");
    if (!contexts.isArray()) {
      return true; // null contexts: Discord's defaults allow both
    }
    String wanted = place.inGuild() ? "0" : "1";
    for (JsonNode context : contexts) {
      if (context.asText().equals(wanted)) {
        return true;
      }
    }
    return false;
  }

  private static JsonNode findOption(JsonNode declared, String name, int type) {
    for (JsonNode option : declared) {
      if (option.path("name").asText().equals(name) && option.path("type").asInt() == type) {
        return option;
      }
    }
    return MissingNode.getInstance();
  }

  /**
   * The user clicks a button on a message the bot posted: pass a {@link Reply#raw()}, a body from
   * {@link #dms(long)}, or any message object with id and channel_id.
   */
  public FakeInteraction button(FakeUser user, JsonNode message, String customId) {
    users.putIfAbsent(user.id(), user);
    ObjectNode current =
        messages
            .resolve(message)
            .orElseThrow(
                () ->
                    new IllegalArgumentException("the bot never posted this message: " + message));
    List<JsonNode> buttons = new ArrayList<>();
    current.path("components").forEach(component -> Reply.collectButtons(component, buttons));
    JsonNode clicked =
        buttons.stream()
            .filter(b -> customId.equals(b.path("custom_id").asText(null)))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no button with custom_id " + customId + " on message " + current));
    if (clicked.path("disabled").asBoolean(false)) {
      throw new IllegalArgumentException("button " + customId + " is disabled");
    }
    Place place =
        current.hasNonNull("guild_id")
            ? new Place(current.get("channel_id").asLong(), current.get("guild_id").asLong())
            : new Place(current.get("channel_id").asLong(), null);
    ObjectNode data = Payloads.object();
    data.put("custom_id", customId);
    data.put("component_type", 2);
    if (clicked.has("id")) {
      data.put("id", clicked.get("id").asInt());
    }
    return send(INTERACTION_COMPONENT, place, user, data, current);
  }

  /**
   * The user submits the modal the bot opened in answer to {@code opener}, with {@code values} by
   * input custom_id: an INTERACTION_CREATE of type 5 whose data is shaped as Discord sends it for
   * the shape the bot used (each Label, type 18, with its input under {@code component}; or the
   * older action rows, type 1, with theirs under {@code components}), components numbered as
   * Discord numbers them. Like Discord's client, it refuses (IllegalArgumentException) a value for
   * no input, a missing required value and one outside the input's lengths. A modal opened from a
   * click carries the clicked message, as Discord sends it.
   */
  public FakeInteraction submitModal(
      FakeUser user, FakeInteraction opener, Map<String, String> values) {
    OpenedModal modal = opener.modalToSubmit(user.id());
    for (String key : values.keySet()) {
      modal.input(key); // throws for an input the modal does not have
    }
    ObjectNode data = Payloads.object();
    data.put("custom_id", modal.customId());
    ArrayNode components = data.putArray("components");
    int[] nextId = {1};
    for (JsonNode shown : modal.raw().path("components")) {
      int type = shown.path("type").asInt();
      if (type != ModalRules.LABEL && type != ModalRules.ACTION_ROW) {
        nextId[0]++; // a text display is numbered too, but sends nothing back
        continue;
      }
      JsonNode input =
          type == ModalRules.LABEL ? shown.path("component") : shown.path("components").path(0);
      ObjectNode submitted = components.addObject();
      submitted.put("type", type);
      submitted.put("id", shown.path("id").asInt(nextId[0]++));
      ObjectNode value = Payloads.object();
      value.put("type", input.path("type").asInt());
      value.put("id", input.path("id").asInt(nextId[0]++));
      value.put("custom_id", input.path("custom_id").asText());
      if (input.path("type").asInt() == ModalRules.TEXT_INPUT) {
        OpenedModal.Input field = modal.input(input.path("custom_id").asText());
        String entered = values.getOrDefault(field.customId(), "");
        if (field.required() && entered.isEmpty()) {
          throw new IllegalArgumentException("input " + field.customId() + " is required");
        }
        if (!entered.isEmpty()
            && (entered.length() < field.minLength() || entered.length() > field.maxLength())) {
          throw new IllegalArgumentException(
              "input "
                  + field.customId()
                  + " takes "
                  + field.minLength()
                  + " to "
                  + field.maxLength()
                  + " characters, not "
                  + entered.length());
        }
        value.put("value", entered);
      }
      if (type == ModalRules.LABEL) {
        submitted.set("component", value);
      } else {
        submitted.putArray("components").add(value);
      }
    }
    opener.modalSubmitted();
    users.putIfAbsent(user.id(), user);
    ObjectNode clicked =
        opener.componentMessageId() == null
            ? null
            : messages.get(opener.componentMessageId()).orElse(null);
    return send(INTERACTION_MODAL_SUBMIT, opener.place(), user, data, clicked);
  }

  private FakeInteraction send(
      int type, Place place, FakeUser user, ObjectNode data, ObjectNode componentMessage) {
    long id = Snowflakes.next();
    String token = token();
    Long componentMessageId = componentMessage == null ? null : componentMessage.get("id").asLong();
    FakeInteraction interaction =
        new FakeInteraction(
            id,
            token,
            type,
            user.id(),
            place,
            componentMessageId,
            payloads,
            messages,
            answers,
            () -> clock.instant());
    interactions.put(token, interaction);
    ObjectNode payload = payloads.interaction(id, token, type, place, user, data);
    if (componentMessage != null) {
      payload.set("message", componentMessage.deepCopy());
    }
    gateway.dispatch(
        "INTERACTION_CREATE", payload, place.guildId(), GATEWAY_WAIT, interaction::markSent);
    return interaction;
  }

  private static String token() {
    StringBuilder token = new StringBuilder("aW50ZXJhY3Rpb24");
    for (int i = 0; i < 64; i++) {
      token.append(TOKEN_CHARS[RANDOM.nextInt(TOKEN_CHARS.length)]);
    }
    return token.toString();
  }

  /**
   * The clock that ages interaction tokens (Discord refuses them 15 minutes after the interaction):
   * a test's fake time, so it can pass the 15 minutes by hand. The system clock by default.
   */
  public void useClock(InstantSource clock) {
    this.clock = clock;
  }

  /**
   * Waits until a message the bot posted (a {@link Reply#raw()}, a body from {@link #dms}) is,
   * after its edits, as {@code match} wants; returns it as it is then. AssertionError on timeout.
   */
  public JsonNode awaitMessage(JsonNode message, Duration timeout, Predicate<JsonNode> match) {
    return messages.await(message, timeout, match);
  }

  /** Messages the bot DMed to the user, bodies as posted, in order. */
  public List<JsonNode> dms(long userId) {
    return dms.sent(userId);
  }

  /** The files uploaded with each DM to the user, in the order of {@link #dms}. */
  public List<List<Payloads.Upload>> dmFiles(long userId) {
    return dms.files(userId);
  }

  /** Waits for a DM to the user that matches; AssertionError on timeout. */
  public JsonNode awaitDm(long userId, Duration timeout, Predicate<JsonNode> match) {
    return dms.await(userId, timeout, match);
  }

  /** Messages the bot posted into a guild channel, bodies as posted, in order. */
  public List<JsonNode> channelMessages(long channelId) {
    return rest.channelMessages(channelId);
  }

  /**
   * Kills the gateway connection without a close frame. JDA reconnects and RESUMEs (answered with a
   * replay and RESUMED) or IDENTIFYs afresh; later interactions wait for that.
   */
  /**
   * The next {@code times} REST calls with {@code method} whose path (after {@code /api/v10/})
   * starts with {@code pathPrefix} answer {@code status}, as Discord does during an incident.
   */
  public void failNextRest(String method, String pathPrefix, int status, int times) {
    rest.failNext(method, pathPrefix, status, times);
  }

  public void dropGatewayConnection() {
    gateway.drop();
  }

  /**
   * Unhandled routes, rejected calls, bad tokens and payload problems, in order; then every
   * interaction the bot never acknowledged within Discord's window (waiting out the window of one
   * sent less than 3 s ago).
   */
  public List<String> failures() {
    List<String> all = new ArrayList<>(failures);
    interactions.values().stream()
        .sorted(Comparator.comparingLong(FakeInteraction::id))
        .forEach(i -> i.missedAcknowledgement().ifPresent(all::add));
    return List.copyOf(all);
  }

  /** Forgets recorded failures, for a test that provoked one on purpose. */
  void clearFailures() {
    failures.clear();
  }

  @Override
  public void close() {
    app.stop();
  }

  private void fail(String failure) {
    LOG.warn("fake Discord failure: {}", failure);
    failures.add(failure);
  }

  private void requireGuild(Long guildId) {
    if (options.guildId() == null || !options.guildId().equals(guildId)) {
      throw new IllegalArgumentException(
          "the bot is not in guild " + guildId + "; start with Options.defaults().withGuild(id)");
    }
  }

  private static String where(Place place) {
    return place.inGuild() ? "guild " + place.guildId() : "DMs (global commands)";
  }
}
