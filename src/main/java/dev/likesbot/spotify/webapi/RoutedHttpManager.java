package dev.likesbot.spotify.webapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.likesbot.metrics.Metrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import se.michaelthelin.spotify.IHttpManager;

/**
 * The library's HTTP layer, on the JDK client. It exists because the library pins its accounts
 * requests to accounts.spotify.com:443 (so only a rewrite here can point them at another base URL),
 * its own client waits 3 minutes and pools 5 connections per host, drops error bodies, and logs
 * bearer tokens at FINE. This one has our timeout, reads Spotify's error code and Retry-After,
 * never retries on its own (retry policy belongs to the callers) and logs nothing.
 */
final class RoutedHttpManager implements IHttpManager {
  static final String ACCOUNTS_HOST = "accounts.spotify.com";
  private static final Set<String> RESTRICTED_HEADERS =
      Set.of("connection", "content-length", "expect", "host", "upgrade");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI accountsBase;
  private final URI apiBase;
  private final Duration timeout;
  private final HttpClient client;
  private final InstantSource clock;
  private final Metrics metrics;

  RoutedHttpManager(
      URI accountsBase,
      URI apiBase,
      Duration timeout,
      HttpClient client,
      InstantSource clock,
      Metrics metrics) {
    this.metrics = metrics;
    this.accountsBase = accountsBase;
    this.apiBase = apiBase;
    this.timeout = timeout;
    this.client = client;
    this.clock = clock;
  }

  /** Moves a URI the library built for Spotify's hosts onto the configured base URLs. */
  URI route(URI uri) {
    URI base = ACCOUNTS_HOST.equalsIgnoreCase(uri.getHost()) ? accountsBase : apiBase;
    String basePath = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    return URI.create(
        base.getScheme() + "://" + base.getRawAuthority() + basePath + uri.getRawPath() + query);
  }

  @Override
  public String get(URI uri, Header[] headers) throws IOException, SpotifyHttpError {
    return send("GET", uri, headers, null);
  }

  @Override
  public String post(URI uri, Header[] headers, HttpEntity body)
      throws IOException, SpotifyHttpError {
    return send("POST", uri, headers, body);
  }

  @Override
  public String put(URI uri, Header[] headers, HttpEntity body)
      throws IOException, SpotifyHttpError {
    return send("PUT", uri, headers, body);
  }

  @Override
  public String delete(URI uri, Header[] headers, HttpEntity body)
      throws IOException, SpotifyHttpError {
    return send("DELETE", uri, headers, body);
  }

  private String send(String method, URI uri, Header[] headers, HttpEntity body)
      throws IOException, SpotifyHttpError {
    HttpRequest.Builder request = HttpRequest.newBuilder(route(uri)).timeout(timeout);
    boolean hasContentType = false;
    for (Header header : headers) {
      String name = header.getName().toLowerCase(Locale.ROOT);
      if (!RESTRICTED_HEADERS.contains(name)) {
        request.header(header.getName(), header.getValue());
        hasContentType |= name.equals("content-type");
      }
    }
    if (body != null) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      body.writeTo(bytes);
      if (!hasContentType && body.getContentType() != null) {
        request.header("Content-Type", body.getContentType());
      }
      request.method(method, HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray()));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> response;
    String endpoint = endpoint(uri);
    try {
      response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      metrics.spotifyRequest(endpoint, "io_error");
      throw new InterruptedIOException("interrupted while waiting for Spotify");
    } catch (IOException e) {
      metrics.spotifyRequest(endpoint, "io_error");
      throw e;
    }
    int status = response.statusCode();
    metrics.spotifyRequest(endpoint, Integer.toString(status));
    if (status >= 200 && status < 300) {
      return MarketLists.cut(response.body());
    }
    throw error(status, response);
  }

  /** The path Spotify was asked for, ids replaced, so the label set stays small and anonymous. */
  static String endpoint(URI uri) {
    String path = uri.getPath() == null ? "" : uri.getPath();
    return path.replaceAll("/[0-9A-Za-z]{22}(?=/|$)", "/{id}");
  }

  private SpotifyHttpError error(int status, HttpResponse<String> response) {
    String code = "";
    String message = "HTTP " + status;
    try {
      JsonNode json = JSON.readTree(response.body());
      JsonNode error = json.path("error");
      if (error.isTextual()) { // accounts service: {"error":"invalid_grant","error_description":…}
        code = error.asText();
        message = json.path("error_description").asText(code);
      } else if (error.isObject()) { // Web API: {"error":{"status":…,"message":…,"reason":…}}
        code = error.path("reason").asText("");
        message = error.path("message").asText(message);
      }
    } catch (IOException | RuntimeException e) {
      // not JSON (a proxy's HTML page, say): the status says enough
    }
    return new SpotifyHttpError(status, code, message, retryAfter(response));
  }

  /** Retry-After in seconds or as an HTTP date; zero when absent or unreadable. */
  private Duration retryAfter(HttpResponse<String> response) {
    String value = response.headers().firstValue("Retry-After").orElse("").strip();
    if (value.isEmpty()) {
      return Duration.ZERO;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(clock.instant(), at);
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException notADate) {
        return Duration.ZERO;
      }
    }
  }
}
