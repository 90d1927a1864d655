package dev.likesbot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;

/**
 * The floor of the burst benchmark, run as its own process: a minimal bot on the same JDA path as
 * ours (a light shard manager, no intents, the fake Discord's gateway) that answers {@code /likes
 * random} by deferring, then making the same two Spotify requests (the total, then the song at a
 * random offset) fully asynchronously over plain HTTP, and editing the answer in. No store, no
 * limiter, no worker pool: what is left is JDA, the gateway and Spotify's latency.
 *
 * <p>Arguments: discord token, REST base URL, gateway URL, Spotify API base URL, and a file of
 * {@code discordUserId accessToken} lines.
 */
public final class FloorBot {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private FloorBot() {}

  public static void main(String[] args) throws Exception {
    String token = args[0];
    String rest = args[1];
    String gateway = args[2];
    String spotify = args[3];
    Map<String, String> tokens = new HashMap<>();
    for (String line : Files.readAllLines(Path.of(args[4]))) {
      String[] parts = line.split(" ", 2);
      tokens.put(parts[0], parts[1]);
    }
    ShardManager shards =
        DefaultShardManagerBuilder.createLight(token, EnumSet.noneOf(GatewayIntent.class))
            .setRestConfig(new RestConfig().setBaseUrl(rest.endsWith("/") ? rest : rest + "/"))
            .setSessionController(
                new SessionControllerAdapter() {
                  @Override
                  public String getGateway() {
                    return gateway;
                  }

                  @Override
                  public ShardedGateway getShardedGateway(JDA api) {
                    return new ShardedGateway(gateway, 1);
                  }
                })
            .setShardsTotal(1)
            .setEnableShutdownHook(true)
            .addEventListeners(new Responder(spotify, tokens))
            .build();
    JDA jda = shards.getShards().get(0);
    jda.awaitReady();
    jda.updateCommands()
        .addCommands(
            Commands.slash("likes", "Your liked songs")
                .addSubcommands(new SubcommandData("random", "A random liked song")))
        .complete();
    System.out.println("floor ready");
  }

  private static final class Responder extends ListenerAdapter {
    private final String spotify;
    private final Map<String, String> tokens;

    Responder(String spotify, Map<String, String> tokens) {
      this.spotify = spotify;
      this.tokens = tokens;
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
      String token = tokens.get(event.getUser().getId());
      event
          .deferReply()
          .queue(
              hook ->
                  tracks(token, 0)
                      .thenCompose(
                          first -> {
                            int total = first.path("total").asInt();
                            return tracks(token, ThreadLocalRandom.current().nextInt(total));
                          })
                      .whenComplete(
                          (page, failure) -> {
                            if (failure != null) {
                              hook.editOriginal("failed: " + failure).queue();
                              return;
                            }
                            JsonNode track = page.path("items").path(0).path("track");
                            hook.editOriginalEmbeds(
                                    new EmbedBuilder()
                                        .setTitle(track.path("name").asText())
                                        .setDescription(
                                            track.path("artists").path(0).path("name").asText())
                                        .build())
                                .queue();
                          }));
    }

    private CompletableFuture<JsonNode> tracks(String token, int offset) {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(spotify + "/v1/me/tracks?limit=1&offset=" + offset))
              .header("Authorization", "Bearer " + token)
              .timeout(Duration.ofSeconds(30))
              .build();
      return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString())
          .thenApply(
              r -> {
                if (r.statusCode() != 200) {
                  throw new IllegalStateException("Spotify answered " + r.statusCode());
                }
                try {
                  return JSON.readTree(r.body());
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
    }
  }
}
