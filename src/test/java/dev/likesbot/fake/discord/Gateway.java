package dev.likesbot.fake.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.zip.Deflater;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway WebSocket: HELLO, heartbeats, IDENTIFY -> READY (+ GUILD_CREATE), RESUME -> replay +
 * RESUMED, and dispatches. Payloads are zlib-stream compressed when JDA asks for it, which it does
 * by default.
 *
 * <p>Sharded like Discord: IDENTIFY's {@code shard: [id, total]} picks a shard (default {@code [0,
 * 1]}); the guild is on shard {@code (guild_id >> 22) % total}, so only that shard's session gets
 * it and its interactions, while DMs go to shard 0.
 */
final class Gateway {
  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

  static final int HEARTBEAT_INTERVAL_MS = 41_250;
  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(5);

  private static final int OP_DISPATCH = 0;
  private static final int OP_HEARTBEAT = 1;
  private static final int OP_IDENTIFY = 2;
  private static final int OP_PRESENCE_UPDATE = 3;
  private static final int OP_RESUME = 6;
  private static final int OP_INVALID_SESSION = 9;
  private static final int OP_HELLO = 10;
  private static final int OP_HEARTBEAT_ACK = 11;
  private static final int CLOSE_AUTHENTICATION_FAILED = 4004;
  private static final int CLOSE_DECODE_ERROR = 4002;
  private static final int CLOSE_INVALID_SHARD = 4010;

  private final String botToken;
  private final Payloads payloads;
  private final Supplier<String> gatewayUrl;
  private final boolean withGuild;
  private final Consumer<String> failures;

  private final Map<Session, Connection> connections = new ConcurrentHashMap<>();
  private final Map<Integer, Shard> shards = new ConcurrentHashMap<>();
  private final CompletableFuture<Void> identified = new CompletableFuture<>();
  private final AtomicInteger identifies = new AtomicInteger();
  private final AtomicInteger resumes = new AtomicInteger();
  private final Long guildId;
  private volatile int shardTotal = 1;

  Gateway(
      String botToken,
      Payloads payloads,
      Supplier<String> gatewayUrl,
      Long guildId,
      Consumer<String> failures) {
    this.botToken = botToken;
    this.payloads = payloads;
    this.gatewayUrl = gatewayUrl;
    this.withGuild = guildId != null;
    this.guildId = guildId;
    this.failures = failures;
  }

  private Shard shard(int id) {
    return shards.computeIfAbsent(id, i -> new Shard());
  }

  /** The shard whose session gets a guild's events; DMs (null) go to shard 0, like Discord. */
  int shardOf(Long guild) {
    return guild == null ? 0 : (int) ((guild >>> 22) % shardTotal);
  }

  /** The shard total the bot identified with (1 until then). */
  int shardTotal() {
    return shardTotal;
  }

  void configure(WsConfig ws) {
    ws.onConnect(this::onConnect);
    ws.onMessage(ctx -> onMessage(connection(ctx), ctx.message()));
    ws.onBinaryMessage(
        ctx -> failures.accept("gateway: bot sent a binary frame; JDA should send JSON text"));
    ws.onClose(ctx -> onGone(ctx, "closed " + ctx.status() + " " + ctx.reason()));
    ws.onError(ctx -> onGone(ctx, "error " + ctx.error()));
  }

  private void onConnect(WsContext ctx) {
    String encoding = ctx.queryParam("encoding");
    String version = ctx.queryParam("v");
    String compress = ctx.queryParam("compress");
    if (encoding != null && !encoding.equals("json")) {
      failures.accept("gateway: unsupported encoding " + encoding);
    }
    if (!"10".equals(version)) {
      failures.accept("gateway: expected v=10 but got v=" + version);
    }
    if (compress != null && !compress.equals("zlib-stream")) {
      failures.accept("gateway: unsupported compression " + compress);
    }
    Connection connection = new Connection(ctx.session, "zlib-stream".equals(compress));
    connections.put(ctx.session, connection);
    LOG.debug("gateway connection opened, query {}", ctx.queryString());
    ObjectNode hello = Payloads.object().put("op", OP_HELLO);
    hello.putObject("d").put("heartbeat_interval", HEARTBEAT_INTERVAL_MS);
    connection.send(hello);
  }

  private Connection connection(WsContext ctx) {
    return connections.get(ctx.session);
  }

  private void onGone(WsContext ctx, String why) {
    Connection connection = connections.remove(ctx.session);
    if (connection != null) {
      LOG.debug("gateway connection gone: {}", why);
      markDead(connection);
      connection.release();
    }
  }

  private void onMessage(Connection connection, String text) throws IOException {
    JsonNode payload = Payloads.JSON.readTree(text);
    int op = payload.path("op").asInt(-1);
    JsonNode data = payload.path("d");
    switch (op) {
      case OP_HEARTBEAT -> connection.send(Payloads.object().put("op", OP_HEARTBEAT_ACK));
      case OP_IDENTIFY -> identify(connection, data);
      case OP_RESUME -> resume(connection, data);
      case OP_PRESENCE_UPDATE -> LOG.debug("presence update {}", data);
      default -> failures.accept("gateway: unsupported op " + op + ": " + text);
    }
  }

  private void identify(Connection connection, JsonNode data) {
    if (!botToken.equals(data.path("token").asText())) {
      failures.accept("gateway: IDENTIFY with a wrong token");
      connection.close(CLOSE_AUTHENTICATION_FAILED, "Authentication failed.");
      return;
    }
    if (!data.has("intents")) {
      failures.accept("gateway: IDENTIFY without intents");
      connection.close(CLOSE_DECODE_ERROR, "Decode error.");
      return;
    }
    JsonNode shardArray = data.path("shard");
    int shardId = shardArray.path(0).asInt(0);
    int total = shardArray.path(1).asInt(1);
    if (shardArray.isArray() && (total < 1 || shardId < 0 || shardId >= total)) {
      failures.accept("gateway: IDENTIFY with an invalid shard " + shardArray);
      connection.close(CLOSE_INVALID_SHARD, "Invalid shard.");
      return;
    }
    if (identifies.get() > 0 && total != shardTotal) {
      failures.accept("gateway: IDENTIFY with shard total " + total + " after " + shardTotal);
    }
    shardTotal = total;
    DiscordSession session =
        new DiscordSession(UUID.randomUUID().toString().replace("-", ""), shardId);
    Shard shard = shard(shardId);
    shard.lastSession = session;
    connection.session = session;
    boolean holdsGuild = withGuild && shardOf(guildId) == shardId;
    connection.dispatch(
        "READY", payloads.ready(session.id, gatewayUrl.get(), shardId, total, holdsGuild));
    if (holdsGuild) {
      connection.dispatch("GUILD_CREATE", payloads.guildCreate());
    }
    identifies.incrementAndGet();
    markLive(shard, connection);
    shard.identified.complete(null);
    identified.complete(null);
  }

  private void resume(Connection connection, JsonNode data) {
    String sessionId = data.path("session_id").asText();
    DiscordSession session =
        shards.values().stream()
            .map(s -> s.lastSession)
            .filter(s -> s != null && s.id.equals(sessionId))
            .findFirst()
            .orElse(null);
    if (!botToken.equals(data.path("token").asText())) {
      failures.accept("gateway: RESUME with a wrong token");
      connection.close(CLOSE_AUTHENTICATION_FAILED, "Authentication failed.");
      return;
    }
    if (session == null) {
      // Discord's answer to an unknown session: the client must IDENTIFY again.
      connection.send(Payloads.object().put("op", OP_INVALID_SESSION).put("d", false));
      return;
    }
    connection.session = session;
    int seq = data.path("seq").asInt(0);
    for (ObjectNode missed : session.sentAfter(seq)) {
      connection.send(missed);
    }
    connection.dispatch("RESUMED", Payloads.object());
    resumes.incrementAndGet();
    markLive(shard(session.shard), connection);
  }

  private static void markLive(Shard shard, Connection connection) {
    shard.live.updateAndGet(
        current -> {
          if (current.complete(connection)) {
            return current;
          }
          return CompletableFuture.completedFuture(connection);
        });
  }

  private void markDead(Connection connection) {
    shards
        .values()
        .forEach(
            shard ->
                shard.live.updateAndGet(
                    current ->
                        current.getNow(null) == connection ? new CompletableFuture<>() : current));
  }

  /**
   * Sends a dispatch once the session of the shard holding {@code guild} (shard 0 for null: DMs) is
   * live (identified or resumed).
   *
   * @param beforeSend runs right before the frame goes out, e.g. to start an ack clock
   */
  void dispatch(String type, ObjectNode data, Long guild, Duration timeout, Runnable beforeSend) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Connection connection = awaitLive(shard(shardOf(guild)), deadline, type);
      if (connection.dispatchIfOpen(type, data, beforeSend)) {
        return;
      }
      markDead(connection);
    }
  }

  private static Connection awaitLive(Shard shard, long deadline, String what) {
    try {
      return shard.live.get().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no live gateway session to send " + what + " to", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for the gateway", e);
    } catch (ExecutionException e) {
      throw new AssertionError(e.getCause());
    }
  }

  void awaitIdentified(Duration timeout) {
    await(identified, timeout, "no bot completed IDENTIFY within " + timeout);
  }

  void awaitIdentified(int shardId, Duration timeout) {
    await(shard(shardId).identified, timeout, "shard " + shardId + " not identified in " + timeout);
  }

  private static void await(CompletableFuture<Void> future, Duration timeout, String failure) {
    try {
      future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError(failure, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for IDENTIFY", e);
    } catch (ExecutionException e) {
      throw new AssertionError(e.getCause());
    }
  }

  int identifyCount() {
    return identifies.get();
  }

  int resumeCount() {
    return resumes.get();
  }

  /** Kills shard 0's live connection without a close frame, like a network failure. */
  void drop() {
    CompletableFuture<Connection> current = shard(0).live.getAndSet(new CompletableFuture<>());
    Connection connection = current.getNow(null);
    if (connection == null) {
      throw new IllegalStateException("no live gateway connection to drop");
    }
    LOG.info("dropping gateway connection");
    connection.socket.disconnect();
  }

  /** The live connection and the last session of one shard. */
  private static final class Shard {
    private final AtomicReference<CompletableFuture<Connection>> live =
        new AtomicReference<>(new CompletableFuture<>());
    private final CompletableFuture<Void> identified = new CompletableFuture<>();
    private volatile DiscordSession lastSession;
  }

  /** Sequence numbers and sent dispatches of one Discord session, kept for RESUME replay. */
  private static final class DiscordSession {
    private final String id;
    private final int shard;
    private final List<ObjectNode> sent = new ArrayList<>();
    private int seq;

    private DiscordSession(String id, int shard) {
      this.id = id;
      this.shard = shard;
    }

    private synchronized ObjectNode nextDispatch(String type, ObjectNode data) {
      ObjectNode payload = Payloads.object();
      payload.put("op", OP_DISPATCH);
      payload.put("t", type);
      payload.put("s", ++seq);
      payload.set("d", data);
      sent.add(payload);
      return payload;
    }

    private synchronized List<ObjectNode> sentAfter(int seq) {
      return sent.stream().filter(p -> p.get("s").asInt() > seq).toList();
    }
  }

  /** One WebSocket connection; sends are serialized since the zlib stream is stateful. */
  private final class Connection {
    private final Session socket;
    private final Deflater deflater;
    private volatile DiscordSession session;
    private boolean released;

    private Connection(Session socket, boolean compress) {
      this.socket = socket;
      this.deflater = compress ? new Deflater() : null;
    }

    private synchronized void dispatch(String type, ObjectNode data) {
      send(session.nextDispatch(type, data));
    }

    private synchronized boolean dispatchIfOpen(String type, ObjectNode data, Runnable beforeSend) {
      if (released || !socket.isOpen() || session == null) {
        return false;
      }
      beforeSend.run();
      dispatch(type, data);
      return true;
    }

    private synchronized void send(ObjectNode payload) {
      if (released) {
        return;
      }
      byte[] json;
      try {
        json = Payloads.JSON.writeValueAsBytes(payload);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Callback.Completable sent = new Callback.Completable();
      if (deflater == null) {
        socket.sendText(new String(json, StandardCharsets.UTF_8), sent);
      } else {
        socket.sendBinary(ByteBuffer.wrap(deflate(json)), sent);
      }
      try {
        sent.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while sending to the gateway", e);
      } catch (ExecutionException | TimeoutException e) {
        // The bot went away mid-send; resume replay covers dispatches.
        LOG.debug("gateway send failed: {}", e.toString());
      }
    }

    /** One zlib stream per connection; SYNC_FLUSH ends each payload with 00 00 FF FF. */
    private byte[] deflate(byte[] json) {
      deflater.setInput(json);
      ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 2 + 64);
      byte[] buffer = new byte[8192];
      int written;
      do {
        written = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
        out.write(buffer, 0, written);
      } while (written == buffer.length);
      return out.toByteArray();
    }

    private synchronized void release() {
      released = true;
      if (deflater != null) {
        deflater.end();
      }
    }

    private void close(int code, String reason) {
      socket.close(code, reason, Callback.NOOP);
    }
  }
}
