package dev.likesbot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.likesbot.testing.RecordingMetrics;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RateLimitCounterTest {
  private HttpServer server;
  private final RecordingMetrics metrics = new RecordingMetrics();
  private final OkHttpClient client =
      new OkHttpClient.Builder().addInterceptor(new RateLimitCounter(metrics)).build();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/limited",
        exchange -> {
          exchange.sendResponseHeaders(429, -1);
          exchange.close();
        });
    server.createContext(
        "/fine",
        exchange -> {
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  private int get(String path) throws Exception {
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + path;
    try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
      return response.code();
    }
  }

  @Test
  void countsEach429FromDiscordAndNothingElse() throws Exception {
    assertThat(get("/fine")).isEqualTo(200);
    assertThat(get("/limited")).isEqualTo(429);
    assertThat(get("/limited")).isEqualTo(429);

    assertThat(metrics.events).containsExactly("rate limited discord", "rate limited discord");
  }
}
