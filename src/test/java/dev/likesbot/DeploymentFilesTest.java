package dev.likesbot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.likesbot.config.BotConfig;
import dev.likesbot.e2e.LaunchFlags;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What docker-compose.yml, the Caddyfile and the README promise an admin, read from the files
 * themselves (Docker is not needed; CaddyProxyIT runs the Caddyfile for real).
 */
class DeploymentFilesTest {
  private static final Pattern DEFAULTED = Pattern.compile("\\$\\{(\\w+):-([^}]*)}");

  private static JsonNode compose() throws IOException {
    return new ObjectMapper(new YAMLFactory()).readTree(Path.of("docker-compose.yml").toFile());
  }

  /** A Compose value as it reads when no variable is set: {@code ${X:-d}} becomes {@code d}. */
  private static String withDefaults(String value) {
    Matcher m = DEFAULTED.matcher(value);
    return m.replaceAll(r -> Matcher.quoteReplacement(r.group(2)));
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  @Test
  void theBotsPortIsPublishedOnThisMachineOnlyByDefault() throws IOException {
    List<String> ports = strings(compose().path("services").path("bot").path("ports"));

    assertThat(ports).isNotEmpty();
    assertThat(ports).allSatisfy(p -> assertThat(withDefaults(p)).isEqualTo("127.0.0.1:8080:8080"));
  }

  @Test
  void theCaddyProfileRunsTheOfficialImageOnPorts80And443WithTheRepositorysCaddyfile()
      throws IOException {
    JsonNode caddy = compose().path("services").path("caddy");

    assertThat(strings(caddy.path("profiles"))).containsExactly("caddy");
    assertThat(caddy.path("image").asText()).matches("caddy:2(\\..*)?");
    assertThat(strings(caddy.path("ports"))).contains("80:80", "443:443");
    assertThat(strings(caddy.path("volumes")))
        .contains("./Caddyfile:/etc/caddy/Caddyfile:ro")
        .anyMatch(v -> v.endsWith(":/data"));
    assertThat(caddy.path("environment").path("BOT_DOMAIN").asText()).contains("BOT_DOMAIN");
    assertThat(Path.of("Caddyfile")).exists();
  }

  @Test
  void onlyTheCaddyServicePublishesAPortOnEveryInterface() throws IOException {
    compose()
        .path("services")
        .fields()
        .forEachRemaining(
            service -> {
              List<String> ports = strings(service.getValue().path("ports"));
              if (!service.getKey().equals("caddy")) {
                assertThat(ports)
                    .as(service.getKey())
                    .allSatisfy(p -> assertThat(withDefaults(p)).startsWith("127.0.0.1:"));
              }
            });
  }

  @Test
  void theCaddyfileForwardsTheCallbackAndTheLoginPagesToTheBotAndAnswers404Otherwise()
      throws IOException {
    String caddyfile = Files.readString(Path.of("Caddyfile"));

    assertThat(caddyfile)
        .contains("{$BOT_DOMAIN} {")
        .contains("@bot path {$BOT_CALLBACK_PATH:/callback} " + BotConfig.Web.LOGIN_PATH + "/*\n")
        .contains("reverse_proxy {$BOT_UPSTREAM:bot:8080}")
        .contains("respond 404");
  }

  @Test
  void theReadmeNamesTheComposeVersionThatEnvFileRequiredNeeds() throws IOException {
    assertThat(compose().path("services").path("bot").path("env_file").get(0).has("required"))
        .isTrue();
    assertThat(Files.readString(Path.of("README.md"))).contains("Docker Compose 2.24 or newer");
  }

  @Test
  void theReadmesDockerRunPublishesThePortOnThisMachineOnly() throws IOException {
    String readme = Files.readString(Path.of("README.md"));

    assertThat(readme).contains("-p 127.0.0.1:8080:8080").doesNotContain(" -p 8080:8080");
  }

  /** The {@code java ... -jar target/likes-bot.jar} commands of the README, as words. */
  private static List<List<String>> readmeJavaCommands() throws IOException {
    List<List<String>> commands = new ArrayList<>();
    Matcher m =
        Pattern.compile("\\bjava (?:-\\S+ )*-jar target/likes-bot\\.jar")
            .matcher(Files.readString(Path.of("README.md")));
    while (m.find()) {
      commands.add(List.of(m.group().split(" ")));
    }
    return commands;
  }

  @Test
  void theReadmesRunCommandStartsTheJarWithTheDockerfilesJvmFlags() throws IOException {
    LaunchFlags shipped = LaunchFlags.shipped();
    List<String> expected = new ArrayList<>(List.of("java"));
    expected.addAll(shipped.jvmFlags());
    expected.addAll(List.of("-jar", "target/likes-bot.jar"));

    List<List<String>> commands = readmeJavaCommands();

    assertThat(shipped.jvmFlags()).as("the Dockerfile's ENTRYPOINT sets JVM flags").isNotEmpty();
    assertThat(commands).as("the README's run command").contains(expected);
  }

  @Test
  void everyMallocVariableOfTheDockerfileIsSetInTheReadmesRunCommand() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    LaunchFlags shipped = LaunchFlags.shipped();

    assertThat(shipped.mallocEnv()).isNotEmpty();
    shipped
        .mallocEnv()
        .forEach(
            (name, value) -> {
              String set = name + "=" + value;
              assertThat(readme).contains(set + " java " + String.join(" ", shipped.jvmFlags()));
            });
  }

  @Test
  void launchFlagsAreTheWordsBetweenJavaAndJarInTheExecFormEntrypoint() {
    LaunchFlags flags =
        LaunchFlags.parse(
            "FROM x\nENV MALLOC_ARENA_MAX=2 OTHER=1\n"
                + "ENTRYPOINT [\"java\", \"-Xmx64m\", \"-Xss512k\", \"-jar\", \"/app/b.jar\"]\n");

    assertThat(flags.jvmFlags()).containsExactly("-Xmx64m", "-Xss512k");
    assertThat(flags.mallocEnv()).containsExactly(Map.entry("MALLOC_ARENA_MAX", "2"));
  }
}
