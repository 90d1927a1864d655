package dev.likesbot.fake.discord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST routes JDA uses for this bot (see JDA's {@code Route}); anything else is answered 404
 * and recorded as a failure, so a test notices calls the fake does not model.
 */
final class RestApi {
  static final String PREFIX = "/api/v10/";
  private static final Logger LOG = LoggerFactory.getLogger(RestApi.class);
  private static final String ID = "(\\d+)";
  private static final String TOKEN = "([A-Za-z0-9_.-]+)";

  private final String authorization;
  private final long applicationId;
  private final Payloads payloads;
  private final CommandRegistry commands;
  private final Messages messages;
  private final DirectMessages dms;
  private final Function<Long, FakeUser> users;
  private final Function<String, FakeInteraction> interactions;
  private final Long guildId;
  private final Supplier<String> gatewayUrl;
  private final IntSupplier shardTotal;
  private final Consumer<String> failures;
  private final Map<Long, List<JsonNode>> channelMessages = new HashMap<>();
  private final List<Route> routes = new ArrayList<>();

  RestApi(
      String botToken,
      long applicationId,
      Payloads payloads,
      CommandRegistry commands,
      Messages messages,
      DirectMessages dms,
      Function<Long, FakeUser> users,
      Function<String, FakeInteraction> interactions,
      Long guildId,
      Supplier<String> gatewayUrl,
      IntSupplier shardTotal,
      Consumer<String> failures) {
    this.authorization = "Bot " + botToken;
    this.applicationId = applicationId;
    this.payloads = payloads;
    this.commands = commands;
    this.messages = messages;
    this.dms = dms;
    this.users = users;
    this.interactions = interactions;
    this.guildId = guildId;
    this.gatewayUrl = gatewayUrl;
    this.shardTotal = shardTotal;
    this.failures = failures;
    defineRoutes();
  }

  private void defineRoutes() {
    route("GET", "users/@me", (request, path) -> payloads.botUser());
    route("GET", "oauth2/applications/@me", (request, path) -> payloads.application());
    route("GET", "users/@me/guilds", (request, path) -> payloads.ownGuilds());
    route("GET", "users/" + ID, (request, path) -> Payloads.user(user(path.group(1))));
    route("POST", "users/@me/channels", (request, path) -> openDm(request.body()));
    route("POST", "channels/" + ID + "/messages", this::sendMessage);
    route("PATCH", "channels/" + ID + "/messages/" + ID, this::editChannelMessage);
    route("DELETE", "channels/" + ID + "/messages/" + ID, this::deleteChannelMessage);
    route("GET", "gateway", (request, path) -> Payloads.object().put("url", gatewayUrl.get()));
    route("GET", "gateway/bot", (request, path) -> gatewayBot());
    route("GET", "applications/" + ID + "/commands", (r, p) -> commandList(p, null));
    route("PUT", "applications/" + ID + "/commands", (r, p) -> overwrite(r, p, null));
    route(
        "GET",
        "applications/" + ID + "/guilds/" + ID + "/commands",
        (r, p) -> commandList(p, guild(p.group(2))));
    route(
        "PUT",
        "applications/" + ID + "/guilds/" + ID + "/commands",
        (r, p) -> overwrite(r, p, guild(p.group(2))));
    route("POST", "interactions/" + ID + "/" + TOKEN + "/callback", this::callback);
    route(
        "POST",
        "webhooks/" + ID + "/" + TOKEN,
        (r, p) -> interaction(r, p).followup(r.body(), r.files(), r::afterResponse));
    route(
        "GET",
        "webhooks/" + ID + "/" + TOKEN + "/messages/(@original|\\d+)",
        (r, p) -> interaction(r, p).get(p.group(3)));
    route(
        "PATCH",
        "webhooks/" + ID + "/" + TOKEN + "/messages/(@original|\\d+)",
        (r, p) -> interaction(r, p).edit(p.group(3), r.body(), r.files(), r::afterResponse));
    route(
        "DELETE",
        "webhooks/" + ID + "/" + TOKEN + "/messages/(@original|\\d+)",
        (r, p) -> {
          interaction(r, p).delete(p.group(3));
          return null;
        });
  }

  /**
   * A failure injected by a test: the next {@code remaining} matching calls answer {@code status}.
   */
  private static final class Injected {
    final String method;
    final String pathPrefix;
    final int status;
    int remaining;

    Injected(String method, String pathPrefix, int status, int remaining) {
      this.method = method;
      this.pathPrefix = pathPrefix;
      this.status = status;
      this.remaining = remaining;
    }
  }

  private final List<Injected> injected = new ArrayList<>();

  synchronized void failNext(String method, String pathPrefix, int status, int times) {
    injected.add(new Injected(method, pathPrefix, status, times));
  }

  private synchronized Integer takeInjected(String method, String path) {
    for (Iterator<Injected> it = injected.iterator(); it.hasNext(); ) {
      Injected rule = it.next();
      if (rule.method.equals(method) && path.startsWith(rule.pathPrefix)) {
        if (--rule.remaining == 0) {
          it.remove();
        }
        return rule.status;
      }
    }
    return null;
  }

  private void route(String method, String template, Handler handler) {
    routes.add(new Route(method, Pattern.compile(template), template, handler));
  }

  /** Entry point for every request below {@code /api/}. */
  void handle(Context ctx) {
    String method = ctx.method().name();
    String fullPath = ctx.path();
    if (!fullPath.startsWith(PREFIX)) {
      answerError(
          ctx, null, fail(404, 0, "404: Not Found (fake serves " + PREFIX + ")"), method, fullPath);
      return;
    }
    String path = fullPath.substring(PREFIX.length());
    Route route = null;
    Matcher matcher = null;
    for (Route candidate : routes) {
      Matcher m = candidate.pattern().matcher(path);
      if (candidate.method().equals(method) && m.matches()) {
        route = candidate;
        matcher = m;
        break;
      }
    }
    if (route == null) {
      answerError(
          ctx, null, fail(404, 0, "404: Not Found (route not modelled by the fake)"), method, path);
      return;
    }
    if (!authorization.equals(ctx.header("Authorization"))) {
      answerError(ctx, route, fail(401, 0, "401: Unauthorized (wrong bot token)"), method, path);
      return;
    }
    Integer injected = takeInjected(method, path);
    if (injected != null) {
      answerError(
          ctx, route, DiscordError.expected(injected, 0, injected + ": injected"), method, path);
      return;
    }
    Request request;
    JsonNode answer;
    try {
      request = parse(ctx, method, path);
      answer = route.handler().handle(request, matcher);
    } catch (DiscordError error) {
      answerError(ctx, route, error, method, path);
      return;
    } catch (RuntimeException | JsonProcessingException e) {
      LOG.warn("fake Discord could not handle {} {}", method, path, e);
      answerError(ctx, route, fail(400, 50035, "Invalid Form Body: " + e), method, path);
      return;
    }
    rateLimitHeaders(ctx, route);
    try {
      writeNow(ctx, answer);
    } catch (IOException e) {
      LOG.debug("bot went away before reading the answer to {} {}", method, path, e);
      return;
    }
    request.afterResponse.forEach(Runnable::run);
  }

  /**
   * Writes and flushes the answer before the handler returns, so after-response actions (what tests
   * wait for) only run once JDA can read the full response.
   */
  private static void writeNow(Context ctx, JsonNode answer) throws IOException {
    HttpServletResponse response = ctx.res();
    if (answer == null) {
      response.setStatus(204);
      response.flushBuffer();
      return;
    }
    byte[] body = bytes(answer);
    response.setStatus(200);
    response.setContentType("application/json");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
    response.flushBuffer();
  }

  private static DiscordError fail(int status, int code, String message) {
    return DiscordError.unexpected(status, code, message);
  }

  private void answerError(
      Context ctx, Route route, DiscordError error, String method, String path) {
    if (error.unexpected()) {
      failures.accept(
          method
              + " "
              + path
              + " -> "
              + error.status()
              + " "
              + error.getMessage()
              + (error.errors() == null ? "" : " " + error.errors()));
    }
    if (route != null) {
      rateLimitHeaders(ctx, route);
    }
    ObjectNode body =
        Payloads.object().put("code", error.code()).put("message", error.getMessage());
    if (error.errors() != null) {
      body.set("errors", error.errors());
    }
    ctx.status(error.status()).contentType("application/json").result(bytes(body));
  }

  /**
   * Per-route bucket headers like Discord's. Remaining never reaches 0, so JDA's rate limiter never
   * makes a test wait.
   */
  private static void rateLimitHeaders(Context ctx, Route route) {
    String bucket = Integer.toHexString((route.method() + " " + route.template()).hashCode());
    ctx.header("X-RateLimit-Bucket", bucket);
    ctx.header("X-RateLimit-Limit", "50");
    ctx.header("X-RateLimit-Remaining", "49");
    ctx.header("X-RateLimit-Reset-After", "1.000");
    ctx.header(
        "X-RateLimit-Reset",
        String.format(Locale.ROOT, "%.3f", System.currentTimeMillis() / 1000.0 + 1));
    ctx.header("Via", "1.1 google");
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return Payloads.JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Request parse(Context ctx, String method, String path)
      throws JsonProcessingException {
    byte[] raw = ctx.bodyAsBytes();
    String contentType = Optional.ofNullable(ctx.contentType()).orElse("");
    JsonNode body = NullNode.getInstance();
    List<Payloads.Upload> files = List.of();
    if (contentType.startsWith("multipart/form-data")) {
      Multipart.Parsed parsed = Multipart.parse(contentType, raw);
      files = parsed.files();
      if (parsed.payloadJson() != null) {
        body = Payloads.JSON.readTree(parsed.payloadJson());
      }
    } else if (raw.length > 0) {
      body = Payloads.JSON.readTree(new String(raw, StandardCharsets.UTF_8));
    }
    return new Request(method, path, ctx.queryParamMap(), body, files, new ArrayList<>());
  }

  // --- handlers -------------------------------------------------------------------------------

  private FakeUser user(String id) {
    FakeUser user = users.apply(Long.parseLong(id));
    if (user == null) {
      throw fail(404, 10013, "Unknown User " + id + " (register it with FakeDiscord#user)");
    }
    return user;
  }

  private Long guild(String id) {
    long requested = Long.parseLong(id);
    if (guildId == null || guildId != requested) {
      throw fail(404, 10004, "Unknown Guild " + id);
    }
    return requested;
  }

  private void checkApplication(Matcher path) {
    if (Long.parseLong(path.group(1)) != applicationId) {
      throw fail(
          403, 50001, "Missing Access (application id " + path.group(1) + " is not the bot's)");
    }
  }

  private JsonNode openDm(JsonNode body) {
    FakeUser recipient = user(body.path("recipient_id").asText("0"));
    return Payloads.dmChannel(dms.channelFor(recipient.id()), recipient);
  }

  private JsonNode sendMessage(Request request, Matcher path) {
    long channelId = Long.parseLong(path.group(1));
    Long dmUser = dms.userOf(channelId);
    Place place;
    if (dmUser != null) {
      if (dms.isClosed(dmUser)) {
        throw DiscordError.expected(403, 50007, "Cannot send messages to this user");
      }
      place = new Place(channelId, null);
    } else if (guildId != null && channelId == payloads.guildChannelId()) {
      place = new Place(channelId, guildId);
    } else {
      throw fail(404, 10003, "Unknown Channel " + channelId);
    }
    MessageRules.checkCreate(request.body(), request.files());
    ObjectNode message =
        payloads.message(
            Snowflakes.next(),
            place,
            request.body(),
            request.files(),
            Payloads.MESSAGE_DEFAULT,
            false);
    messages.put(message, request.body());
    if (dmUser != null) {
      dms.record(dmUser, request.body(), request.files());
      request.afterResponse(() -> dms.delivered(dmUser));
    } else {
      synchronized (channelMessages) {
        channelMessages.computeIfAbsent(channelId, c -> new ArrayList<>()).add(request.body());
      }
    }
    return message;
  }

  private JsonNode editChannelMessage(Request request, Matcher path) {
    ObjectNode existing = channelMessage(path);
    MessageRules.checkEdit(request.body());
    ObjectNode edited = Payloads.edit(existing, request.body(), request.files());
    messages.put(edited, request.body());
    return edited;
  }

  private JsonNode deleteChannelMessage(Request request, Matcher path) {
    channelMessage(path);
    messages.remove(Long.parseLong(path.group(2)));
    return null;
  }

  private ObjectNode channelMessage(Matcher path) {
    return messages
        .get(Long.parseLong(path.group(2)))
        .filter(m -> m.path("channel_id").asText().equals(path.group(1)))
        .orElseThrow(() -> fail(404, 10008, "Unknown Message " + path.group(2)));
  }

  private JsonNode commandList(Matcher path, Long guild) {
    checkApplication(path);
    List<JsonNode> list = guild == null ? commands.global() : commands.guild(guild);
    return Payloads.array().addAll(list);
  }

  private JsonNode overwrite(Request request, Matcher path, Long guild) {
    checkApplication(path);
    JsonNode answer = commands.overwrite(guild, request.body());
    request.afterResponse(commands::delivered);
    return answer;
  }

  private JsonNode callback(Request request, Matcher path) {
    FakeInteraction interaction = interactions.apply(path.group(2));
    if (interaction == null || interaction.id() != Long.parseLong(path.group(1))) {
      throw fail(404, 10062, "Unknown interaction");
    }
    interaction.record(new Call(request.method(), request.path(), request.body()));
    ObjectNode answer =
        interaction.callback(request.body(), request.files(), request::afterResponse);
    boolean withResponse =
        request.query().getOrDefault("with_response", List.of()).contains("true");
    return withResponse ? answer : null;
  }

  private FakeInteraction interaction(Request request, Matcher path) {
    checkApplication(path);
    FakeInteraction interaction = interactions.apply(path.group(2));
    if (interaction == null) {
      throw fail(404, 10015, "Unknown Webhook (no interaction with this token)");
    }
    interaction.record(new Call(request.method(), request.path(), request.body()));
    interaction.requireTokenValid();
    return interaction;
  }

  /** Messages the bot posted into guild channels, bodies as posted. */
  List<JsonNode> channelMessages(long channelId) {
    synchronized (channelMessages) {
      return List.copyOf(channelMessages.getOrDefault(channelId, List.of()));
    }
  }

  @FunctionalInterface
  private interface Handler {
    JsonNode handle(Request request, Matcher path);
  }

  /** What a ShardManager asks when no shard total is configured: the recommended count. */
  private ObjectNode gatewayBot() {
    ObjectNode answer = Payloads.object();
    answer.put("url", gatewayUrl.get());
    answer.put("shards", shardTotal.getAsInt());
    ObjectNode limit = answer.putObject("session_start_limit");
    limit.put("total", 1000);
    limit.put("remaining", 999);
    limit.put("reset_after", 0);
    limit.put("max_concurrency", 1);
    return answer;
  }

  private record Route(String method, Pattern pattern, String template, Handler handler) {}

  private record Request(
      String method,
      String path,
      Map<String, List<String>> query,
      JsonNode body,
      List<Payloads.Upload> files,
      List<Runnable> afterResponse) {

    void afterResponse(Runnable action) {
      afterResponse.add(action);
    }
  }
}
