package dev.likesbot.fake.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.likesbot.testing.FakeTime;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import net.dv8tion.jda.api.modals.Modal;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.utils.FileUpload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Drives the real JDA against the fake, so the fake is known to speak JDA's dialect. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FakeDiscordTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final long GUILD_ID = 1200000000000000001L;

  private final Bot bot = new Bot();
  private FakeDiscord fake;
  private JDA jda;

  @BeforeEach
  void forgetEarlierWarnings() {
    JdaWarnings.clear();
  }

  /**
   * Shuts JDA down first so warnings from its last work are included. The fake answers before tests
   * see a reply, and JdaWarnings ignores the interrupt noise of shutdownNow().
   */
  @AfterEach
  void shutDownAndAssertClean() throws InterruptedException {
    try {
      if (jda != null) {
        jda.shutdownNow();
        assertThat(jda.awaitShutdown(WAIT)).as("JDA shut down").isTrue();
      }
      if (fake != null) {
        assertThat(fake.failures()).as("fake Discord failures").isEmpty();
      }
      assertThat(JdaWarnings.drain()).as("JDA warnings").isEmpty();
    } finally {
      if (fake != null) {
        fake.close();
      }
    }
  }

  @Test
  void anInteractionTheBotNeverAcknowledgesIsAFailureOnceItsWindowEnds() throws Exception {
    startJda(FakeDiscord.Options.defaults());
    jda.updateCommands().addCommands(commands()).submit().get(10, TimeUnit.SECONDS);
    jda.removeEventListener(bot); // the bot hears nothing from now on

    FakeInteraction ignored =
        fake.slashCommand(fake.user(2000000000000000001L, "alice"), "ping", null, Map.of());

    assertThat(fake.failures())
        .singleElement()
        .asString()
        .contains("interaction " + ignored.id(), "never acknowledged within 3 s");
    assertThat(ignored.answerOrder()).isZero();
    jda.shutdownNow();
    assertThat(jda.awaitShutdown(WAIT)).isTrue();
    jda = null;
    fake.close();
    fake = null; // its failures were checked above
  }

  @Test
  void deferredEphemeralReplyToGlobalCommandInDm() throws Exception {
    startJda(FakeDiscord.Options.defaults());
    List<net.dv8tion.jda.api.interactions.commands.Command> registered =
        jda.updateCommands().addCommands(commands()).submit().get(10, TimeUnit.SECONDS);

    assertThat(registered).extracting(c -> c.getName()).containsExactly("ping", "likes", "export");
    assertThat(fake.commandUpdateCount()).isEqualTo(1);
    assertThat(fake.globalCommands())
        .extracting(c -> c.get("name").asText())
        .containsExactly("ping", "likes", "export");
    assertThat(fake.globalCommands().get(0).get("id").asLong())
        .isEqualTo(registered.get(0).getIdLong());

    FakeUser alice = fake.user(2000000000000000001L, "alice");
    FakeInteraction ping = fake.slashCommand(alice, "ping", null, Map.of());
    Reply reply = ping.awaitReply(WAIT);

    assertThat(reply.content()).isEqualTo("pong");
    assertThat(reply.ephemeral()).isTrue();
    assertThat(ping.acknowledged()).isTrue();
    assertThat(ping.ackLatency()).isLessThan(FakeInteraction.ACK_DEADLINE);
    assertThat(ping.calls()).extracting(Call::method).containsExactly("POST", "PATCH");
    assertThat(ping.calls().get(0).body().get("type").asInt()).isEqualTo(5);
    assertThat(ping.calls().get(1).path()).endsWith("/messages/@original");
    SlashCommandInteractionEvent event = bot.slash.get(10, TimeUnit.SECONDS);
    assertThat(event.getUser().getIdLong()).isEqualTo(alice.id());
    assertThat(event.getChannelType()).isEqualTo(ChannelType.PRIVATE);
    assertThat(event.isFromGuild()).isFalse();
  }

  @Test
  void directReplyWithEmbedLinkButtonAndSubcommandOptions() throws Exception {
    startJda(FakeDiscord.Options.defaults());
    jda.updateCommands().addCommands(commands()).submit().get(10, TimeUnit.SECONDS);
    FakeUser bob = fake.user(2000000000000000002L, "bob");
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("count", 3);
    options.put("who", bob);

    Reply reply = fake.slashCommand(bob, "likes", "show", options).awaitReply(WAIT);

    assertThat(reply.ephemeral()).isFalse();
    assertThat(reply.content()).isEqualTo("3 liked songs of bob");
    assertThat(reply.embeds()).hasSize(1);
    assertThat(reply.embeds().get(0).get("title").asText()).isEqualTo("Liked songs");
    assertThat(reply.buttons()).hasSize(2);
    JsonNode link = reply.buttons().get(0);
    assertThat(link.get("style").asInt()).isEqualTo(5);
    assertThat(link.get("url").asText()).isEqualTo("https://open.spotify.com/collection/tracks");
    assertThat(link.get("label").asText()).isEqualTo("Open in Spotify");
    assertThat(reply.buttons().get(1).get("custom_id").asText()).isEqualTo("more:3");
    assertThat(reply.raw().get("author").get("id").asLong()).isEqualTo(fake.botUserId());
  }

  @Test
  void followupWithFileAfterDeletedDeferredOriginal() throws Exception {
    startJda(FakeDiscord.Options.defaults());
    jda.updateCommands().addCommands(commands()).submit().get(10, TimeUnit.SECONDS);
    FakeUser heidi = fake.user(2000000000000000008L, "heidi");

    FakeInteraction export = fake.slashCommand(heidi, "export", null, Map.of());
    Reply reply = export.awaitReply(WAIT);

    assertThat(reply.content()).isEqualTo("your export");
    assertThat(reply.ephemeral()).isTrue();
    assertThat(reply.raw().get("attachments").get(0).get("filename").asText())
        .isEqualTo("likes.txt");
    assertThat(reply.raw().get("attachments").get(0).get("size").asInt()).isEqualTo(4);
    assertThat(export.originalDeleted()).isTrue();
    assertThat(export.calls())
        .extracting(call -> call.method() + " " + call.path().replace(export.token(), "T"))
        .containsExactly(
            "POST interactions/" + export.id() + "/T/callback",
            "DELETE webhooks/" + fake.applicationId() + "/T/messages/@original",
            "POST webhooks/" + fake.applicationId() + "/T");
  }

  @Test
  void buttonClickOnReplyReachesButtonListener() throws Exception {
    startJda(FakeDiscord.Options.defaults());
    jda.updateCommands().addCommands(commands()).submit().get(10, TimeUnit.SECONDS);
    FakeUser carol = fake.user(2000000000000000003L, "carol");
    Reply shown = fake.slashCommand(carol, "likes", "show", Map.of("count", 2)).awaitReply(WAIT);

    FakeInteraction click = fake.button(carol, shown.raw(), "more:2");
    Reply updated = click.awaitReply(WAIT);

    ButtonInteractionEvent event = bot.button.get(10, TimeUnit.SECONDS);
    assertThat(event.getComponentId()).isEqualTo("more:2");
    assertThat(event.getUser().getIdLong()).isEqualTo(carol.id());
    assertThat(event.getMessage().getContentRaw()).isEqualTo("2 liked songs of carol");
    assertThat(updated.content()).isEqualTo("more songs");
    assertThat(updated.buttons()).isEmpty();
    assertThat(updated.raw().get("id").asText()).isEqualTo(shown.raw().get("id").asText());
    assertThat(click.calls().get(0).body().get("type").asInt()).isEqualTo(7);
  }

  @Test
  void theAnswerIsEditableThroughItsTokenFor15MinutesThenDiscordRefusesTheToken() throws Exception {
    FakeTime time = new FakeTime(java.time.Instant.now());
    startJda(FakeDiscord.Options.defaults());
    fake.useClock(time);
    jda.updateCommands().addCommands(commands()).submit().get(10, TimeUnit.SECONDS);
    FakeUser ivan = fake.user(2000000000000000009L, "ivan");
    FakeInteraction ping = fake.slashCommand(ivan, "ping", null, Map.of());
    ping.awaitReply(WAIT);
    InteractionHook hook = bot.slash.get(10, TimeUnit.SECONDS).getHook();

    time.advance(Duration.ofMinutes(14));
    hook.editOriginal("pong, edited").setComponents().submit().get(10, TimeUnit.SECONDS);
    assertThat(ping.awaitReply(WAIT, r -> r.content().equals("pong, edited")).ephemeral()).isTrue();

    time.advance(Duration.ofMinutes(1));
    CompletableFuture<?> late = hook.editOriginal("too late").submit();

    assertThatThrownBy(() -> late.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(ErrorResponseException.class)
        .satisfies(
            e -> {
              ErrorResponseException refused = (ErrorResponseException) e.getCause();
              assertThat(refused.getErrorResponse()).isEqualTo(ErrorResponse.INVALID_WEBHOOK_TOKEN);
              assertThat(refused.getErrorCode()).isEqualTo(50027);
              assertThat(refused.getResponse().code).isEqualTo(401);
            });
  }

  @Test
  void theBotEditsItsOwnDmByChannelAndMessageIdAtAnyTime() throws Exception {
    startJda(FakeDiscord.Options.defaults());
    FakeUser judy = fake.user(2000000000000000010L, "judy");
    Message sent =
        jda.openPrivateChannelById(judy.id())
            .flatMap(
                channel ->
                    channel
                        .sendMessage("log in")
                        .addComponents(ActionRow.of(Button.link("https://example.com", "Log in"))))
            .submit()
            .get(10, TimeUnit.SECONDS);
    JsonNode dm = fake.awaitDm(judy.id(), WAIT, body -> true);

    jda.openPrivateChannelById(judy.id())
        .flatMap(
            channel ->
                channel.editMessageById(sent.getId(), "this login link was used").setComponents())
        .submit()
        .get(10, TimeUnit.SECONDS);

    JsonNode edited =
        fake.awaitMessage(
            dm, WAIT, m -> m.path("content").asText().equals("this login link was used"));
    assertThat(edited.path("components")).isEmpty();
    assertThat(edited.path("id").asText()).isEqualTo(sent.getId());
  }

  @Test
  void applicationInfoNamesTheApplicationAndItsBot() throws Exception {
    startJda(FakeDiscord.Options.defaults());

    net.dv8tion.jda.api.entities.ApplicationInfo info =
        jda.retrieveApplicationInfo().submit().get(10, TimeUnit.SECONDS);

    assertThat(info.getIdLong()).isEqualTo(fake.applicationId());
    assertThat(info.getJDA().getSelfUser().getIdLong()).isEqualTo(fake.botUserId());
    assertThat(info.isBotPublic()).isTrue();
  }

  @Test
  void directMessagesToOpenAndClosedUsers() throws Exception {
    startJda(FakeDiscord.Options.defaults());
    FakeUser dave = fake.user(2000000000000000004L, "dave");
    FakeUser erin = fake.user(2000000000000000005L, "erin");
    fake.closeDms(erin.id());

    Message sent =
        jda.openPrivateChannelById(dave.id())
            .flatMap(
                channel ->
                    channel
                        .sendMessage("your likes are ready")
                        .addComponents(ActionRow.of(Button.primary("like:7", "Like"))))
            .submit()
            .get(10, TimeUnit.SECONDS);
    CompletableFuture<Throwable> failure = new CompletableFuture<>();
    jda.openPrivateChannelById(erin.id())
        .flatMap(channel -> channel.sendMessage("hello"))
        .queue(
            message -> failure.completeExceptionally(new AssertionError("sent to closed DMs")),
            failure::complete);

    assertThat(sent.getContentRaw()).isEqualTo("your likes are ready");
    assertThat(fake.dms(dave.id())).hasSize(1); // recorded before JDA got the answer
    JsonNode dm = fake.awaitDm(dave.id(), WAIT, body -> true);
    assertThat(fake.dms(dave.id())).containsExactly(dm);
    assertThat(dm.get("content").asText()).isEqualTo("your likes are ready");
    Throwable error = failure.get(10, TimeUnit.SECONDS);
    assertThat(error).isInstanceOf(ErrorResponseException.class);
    assertThat(((ErrorResponseException) error).getErrorResponse())
        .isEqualTo(ErrorResponse.CANNOT_SEND_TO_USER);
    assertThat(fake.dms(erin.id())).isEmpty();

    Reply liked = fake.button(dave, dm, "like:7").awaitReply(WAIT);
    assertThat(liked.content()).isEqualTo("liked 7");
    assertThat(liked.ephemeral()).isTrue();
    assertThat(bot.button.get(10, TimeUnit.SECONDS).getChannelType())
        .isEqualTo(ChannelType.PRIVATE);
  }

  @Test
  void commandIsAnsweredAfterGatewayDrop() throws Exception {
    startJda(FakeDiscord.Options.defaults());
    jda.updateCommands().addCommands(commands()).submit().get(10, TimeUnit.SECONDS);
    FakeUser frank = fake.user(2000000000000000006L, "frank");
    assertThat(fake.slashCommand(frank, "ping", null, Map.of()).awaitReply(WAIT).content())
        .isEqualTo("pong");

    fake.dropGatewayConnection();
    Reply afterDrop = fake.slashCommand(frank, "ping", null, Map.of()).awaitReply(WAIT);

    assertThat(afterDrop.content()).isEqualTo("pong");
    assertThat(fake.identifyCount()).isEqualTo(1);
    assertThat(fake.resumeCount()).isEqualTo(1);
  }

  @Test
  void guildModeRegistersGuildCommandsAndAnswersInGuild() throws Exception {
    startJda(FakeDiscord.Options.defaults().withGuild(GUILD_ID));
    var guild = jda.getGuildById(GUILD_ID);
    assertThat(guild).isNotNull();
    assertThat(guild.getTextChannelById(fake.guildChannelId())).isNotNull();
    assertThat(guild.getSelfMember().getIdLong()).isEqualTo(fake.botUserId());

    guild.updateCommands().addCommands(commands()).submit().get(10, TimeUnit.SECONDS);
    assertThat(fake.guildCommands(GUILD_ID))
        .extracting(c -> c.get("name").asText())
        .containsExactly("ping", "likes", "export");
    assertThat(fake.globalCommands()).isEmpty();
    assertThat(fake.commandUpdateCount()).isEqualTo(1);

    FakeUser grace = fake.user(2000000000000000007L, "grace");
    FakeInteraction ping =
        fake.slashCommandInGuild(grace, GUILD_ID, fake.guildChannelId(), "ping", null, Map.of());

    Reply reply = ping.awaitReply(WAIT);
    assertThat(reply.content()).isEqualTo("pong");
    assertThat(reply.ephemeral()).isTrue();
    SlashCommandInteractionEvent event = bot.slash.get(10, TimeUnit.SECONDS);
    assertThat(event.getGuild()).isNotNull();
    assertThat(event.getGuild().getIdLong()).isEqualTo(GUILD_ID);
    assertThat(event.getMember()).isNotNull();
    assertThat(event.getMember().getIdLong()).isEqualTo(grace.id());
    assertThat(event.getChannel().getIdLong()).isEqualTo(fake.guildChannelId());
  }

  @Test
  void wrongBotTokenIsRejectedAtLogin() {
    try (FakeDiscord own = FakeDiscord.start()) {
      JDABuilder builder =
          JDABuilder.createLight("not-the-token", EnumSet.noneOf(GatewayIntent.class))
              .setRestConfig(own.restConfig())
              .setSessionController(own.sessionController());

      assertThatThrownBy(builder::build).isInstanceOf(InvalidTokenException.class);
      assertThat(own.failures()).singleElement().asString().contains("users/@me", "401");
      assertThat(own.identifyCount()).isZero();
    }
  }

  @Test
  void unmodelledRoutesAreReportedAsFailures() throws Exception {
    try (FakeDiscord own = FakeDiscord.start()) {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(own.apiBaseUrl() + "voice/regions"))
                      .header("Authorization", "Bot " + own.botToken())
                      .timeout(WAIT)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(own.failures()).singleElement().asString().contains("voice/regions");
    }
  }

  @Test
  void overLimitMessageIsRefusedWithDiscordsInvalidFormBodyAndFieldPaths() throws Exception {
    try (FakeDiscord own = FakeDiscord.start()) {
      FakeUser ivan = own.user(2000000000000000009L, "ivan");
      HttpClient http = HttpClient.newHttpClient();
      JsonNode channel =
          Payloads.JSON.readTree(
              post(http, own, "users/@me/channels", "{\"recipient_id\":\"" + ivan.id() + "\"}")
                  .body());
      String body =
          "{\"embeds\":[{\"title\":\""
              + "x".repeat(257)
              + "\"}],\"components\":[{\"type\":1,\"components\":[{\"type\":2,\"style\":5,"
              + "\"label\":\"Search\",\"url\":\"https://example.com/"
              + "y".repeat(500)
              + "\"}]}]}";

      HttpResponse<String> response =
          post(http, own, "channels/" + channel.get("id").asText() + "/messages", body);

      assertThat(response.statusCode()).isEqualTo(400);
      JsonNode error = Payloads.JSON.readTree(response.body());
      assertThat(error.path("code").asInt()).isEqualTo(50035);
      assertThat(error.path("message").asText()).isEqualTo("Invalid Form Body");
      JsonNode title = error.at("/errors/embeds/0/title/_errors/0");
      assertThat(title.path("code").asText()).isEqualTo("BASE_TYPE_MAX_LENGTH");
      assertThat(title.path("message").asText()).isEqualTo("Must be 256 or fewer in length.");
      assertThat(error.at("/errors/components/0/components/0/url/_errors/0/message").asText())
          .isEqualTo("Must be 512 or fewer in length.");
      assertThat(own.dms(ivan.id())).isEmpty();
      assertThat(own.failures()).singleElement().asString().contains("400", "embeds");
    }
  }

  @Test
  void jdaSeesTheFieldPathOfARuleItDoesNotCheckItself() throws Exception {
    startJda(FakeDiscord.Options.defaults());
    FakeUser judy = fake.user(2000000000000000010L, "judy");
    // Each embed is within JDA's checks; together they pass Discord's 6000 per message.
    var half = new EmbedBuilder().setDescription("z".repeat(4000)).build();

    CompletableFuture<Throwable> failure = new CompletableFuture<>();
    jda.openPrivateChannelById(judy.id())
        .flatMap(channel -> channel.sendMessageEmbeds(half, half))
        .queue(m -> failure.complete(null), failure::complete);

    Throwable error = failure.get(10, TimeUnit.SECONDS);
    assertThat(error).isInstanceOf(ErrorResponseException.class);
    ErrorResponseException refused = (ErrorResponseException) error;
    assertThat(refused.getErrorCode()).isEqualTo(50035);
    assertThat(refused.getSchemaErrors())
        .singleElement()
        .satisfies(e -> assertThat(e.getLocation()).isEqualTo("embeds"));
    assertThat(fake.failures()).singleElement().asString().contains("MAX_EMBED_SIZE_EXCEEDED");
    fake.clearFailures();
  }

  @Test
  void aButtonOpensAModalThatTheTestCanReadAndSubmitAndJdaReadsTheSubmit() throws Exception {
    startJda(FakeDiscord.Options.defaults());
    Forms forms = new Forms();
    jda.addEventListener(forms);
    FakeUser kim = fake.user(2000000000000000011L, "kim");
    JsonNode message = formMessage(kim, "form:echo");

    FakeInteraction click = fake.button(kim, message, "form:echo");
    OpenedModal modal = click.awaitModal(WAIT);

    assertThat(modal.customId()).isEqualTo("form:echo");
    assertThat(modal.title()).isEqualTo("Paste it");
    assertThat(modal.inputs())
        .singleElement()
        .satisfies(
            input -> {
              assertThat(input.customId()).isEqualTo("address");
              assertThat(input.label()).isEqualTo("The address");
              assertThat(input.maxLength()).isEqualTo(4000);
              assertThat(input.style()).isEqualTo(2);
            });
    assertThat(modal.raw().at("/components/0/type").asInt())
        .as("JDA 6 sends a Label")
        .isEqualTo(18);
    assertThat(click.calls().get(0).body().get("type").asInt()).isEqualTo(9);

    Reply answer =
        fake.submitModal(kim, click, Map.of("address", "http://x/cb?code=c&state=s"))
            .awaitReply(WAIT);

    ModalInteractionEvent submit = forms.submit.get(10, TimeUnit.SECONDS);
    assertThat(submit.getModalId()).isEqualTo("form:echo");
    assertThat(submit.getValue("address").getAsString()).isEqualTo("http://x/cb?code=c&state=s");
    assertThat(submit.getMessage().getContentRaw()).isEqualTo("open the form");
    assertThat(submit.getUser().getIdLong()).isEqualTo(kim.id());
    assertThat(answer.content()).isEqualTo("got http://x/cb?code=c&state=s");
    assertThat(answer.ephemeral()).isTrue();
    assertThatThrownBy(() -> fake.submitModal(kim, click, Map.of("address", "again")))
        .as("Discord's client closes a modal on submit")
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void onlyItsMemberCanSubmitAModalWithAValueForEachRequiredInputWithinItsLength()
      throws Exception {
    startJda(FakeDiscord.Options.defaults());
    jda.addEventListener(new Forms());
    FakeUser kim = fake.user(2000000000000000012L, "kim");
    FakeUser lou = fake.user(2000000000000000013L, "lou");
    FakeInteraction click = fake.button(kim, formMessage(kim, "form:echo"), "form:echo");
    click.awaitModal(WAIT);

    assertThatThrownBy(() -> fake.submitModal(lou, click, Map.of("address", "x")))
        .hasMessageContaining("only the member");
    assertThatThrownBy(() -> fake.submitModal(kim, click, Map.of("other", "x")))
        .hasMessageContaining("no input other");
    assertThatThrownBy(() -> fake.submitModal(kim, click, Map.of()))
        .hasMessageContaining("required");
    assertThatThrownBy(() -> fake.submitModal(kim, click, Map.of("address", "x".repeat(4001))))
        .hasMessageContaining("0 to 4000 characters, not 4001");
  }

  @Test
  void aModalBreakingDiscordsLimitsIsRefusedWithInvalidFormBodyAndFieldPaths() throws Exception {
    startJda(FakeDiscord.Options.defaults());
    Forms forms = new Forms();
    jda.addEventListener(forms);
    FakeUser kim = fake.user(2000000000000000014L, "kim");
    FakeInteraction click = fake.button(kim, formMessage(kim, "form:raw"), "form:raw");
    forms.raw.get(10, TimeUnit.SECONDS);
    String input =
        "{\"type\":4,\"custom_id\":\"a\",\"style\":1,\"label\":\"no\",\"max_length\":4001}";
    String modal =
        "{\"type\":9,\"data\":{\"custom_id\":\"form:raw\",\"title\":\""
            + "t".repeat(46)
            + "\",\"components\":[{\"type\":18,\"label\":\""
            + "l".repeat(46)
            + "\",\"component\":"
            + input
            + "}]}}";

    HttpResponse<String> refused = callback(click, modal);

    assertThat(refused.statusCode()).isEqualTo(400);
    JsonNode error = Payloads.JSON.readTree(refused.body());
    assertThat(error.path("code").asInt()).isEqualTo(50035);
    assertThat(error.at("/errors/data/title/_errors/0/code").asText())
        .isEqualTo("BASE_TYPE_MAX_LENGTH");
    assertThat(error.at("/errors/data/components/0/label/_errors/0/message").asText())
        .isEqualTo("Must be 45 or fewer in length.");
    assertThat(error.at("/errors/data/components/0/component/max_length/_errors/0/code").asText())
        .isEqualTo("NUMBER_TYPE_OUT_OF_RANGE");
    assertThat(error.at("/errors/data/components/0/component/label/_errors/0/code").asText())
        .isEqualTo("TEXT_INPUT_LABEL_IN_LABEL");
    assertThat(click.modal()).as("nothing opened").isEmpty();
    assertThat(callback(click, "{\"type\":6}").statusCode()).isEqualTo(204);
    assertThat(fake.failures()).singleElement().asString().contains("400", "title");
    fake.clearFailures();
  }

  @Test
  void aModalIsRefusedAsAnswerToAModalSubmitAndAsASecondAnswer() throws Exception {
    startJda(FakeDiscord.Options.defaults());
    Forms forms = new Forms();
    jda.addEventListener(forms);
    FakeUser kim = fake.user(2000000000000000015L, "kim");
    FakeInteraction click = fake.button(kim, formMessage(kim, "form:silent"), "form:silent");
    click.awaitModal(WAIT);
    FakeInteraction submit = fake.submitModal(kim, click, Map.of("address", "x"));
    forms.submit.get(10, TimeUnit.SECONDS);
    String modal =
        "{\"type\":9,\"data\":{\"custom_id\":\"form:x\",\"title\":\"T\",\"components\":"
            + "[{\"type\":18,\"label\":\"L\",\"component\":{\"type\":4,\"custom_id\":\"a\","
            + "\"style\":1}}]}}";

    HttpResponse<String> toSubmit = callback(submit, modal);
    HttpResponse<String> second = callback(click, modal);

    assertThat(toSubmit.statusCode()).isEqualTo(400);
    assertThat(Payloads.JSON.readTree(toSubmit.body()).at("/errors/type/_errors/0/code").asText())
        .isEqualTo("INTERACTION_RESPONSE_TYPE_INVALID");
    assertThat(submit.modal()).isEmpty();
    assertThat(second.statusCode()).isEqualTo(400);
    assertThat(Payloads.JSON.readTree(second.body()).path("code").asInt()).isEqualTo(40060);
    assertThat(callback(submit, "{\"type\":5,\"data\":{\"flags\":64}}").statusCode())
        .isEqualTo(204);
    assertThat(fake.failures()).hasSize(2);
    fake.clearFailures();
  }

  /** A DM from the bot with one button, {@code customId}, as JDA sent it. */
  private JsonNode formMessage(FakeUser user, String customId) throws Exception {
    jda.openPrivateChannelById(user.id())
        .flatMap(
            channel ->
                channel
                    .sendMessage("open the form")
                    .setComponents(ActionRow.of(Button.primary(customId, "Open"))))
        .submit()
        .get(10, TimeUnit.SECONDS);
    return fake.awaitDm(user.id(), WAIT, m -> true);
  }

  private HttpResponse<String> callback(FakeInteraction interaction, String json) throws Exception {
    return post(
        HttpClient.newHttpClient(),
        fake,
        "interactions/" + interaction.id() + "/" + interaction.token() + "/callback",
        json);
  }

  /**
   * Buttons whose ids start with "form:" open a modal with JDA's builders ("form:raw" leaves the
   * answer to the test); the submit of "form:echo" is answered with what was entered, that of
   * "form:silent" not at all.
   */
  private static final class Forms extends ListenerAdapter {
    final CompletableFuture<ButtonInteractionEvent> raw = new CompletableFuture<>();
    final CompletableFuture<ModalInteractionEvent> submit = new CompletableFuture<>();

    @Override
    public void onButtonInteraction(ButtonInteractionEvent event) {
      String id = event.getComponentId();
      if (id.equals("form:raw")) {
        raw.complete(event);
      } else if (id.startsWith("form:")) {
        event
            .replyModal(
                Modal.create(id, "Paste it")
                    .addComponents(
                        Label.of(
                            "The address",
                            TextInput.create("address", TextInputStyle.PARAGRAPH)
                                .setMaxLength(4000)
                                .build()))
                    .build())
            .queue();
      }
    }

    @Override
    public void onModalInteraction(ModalInteractionEvent event) {
      submit.complete(event);
      if (event.getModalId().equals("form:echo")) {
        event.reply("got " + event.getValue("address").getAsString()).setEphemeral(true).queue();
      }
    }
  }

  private static HttpResponse<String> post(
      HttpClient http, FakeDiscord fake, String path, String json) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(fake.apiBaseUrl() + path))
            .header("Authorization", "Bot " + fake.botToken())
            .header("Content-Type", "application/json")
            .timeout(WAIT)
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * JDA 6 has no GatewayIntent.GUILDS constant: the GUILDS intent is always on, so none = GUILDS.
   */
  private void startJda(FakeDiscord.Options options) throws InterruptedException {
    fake = FakeDiscord.start(options);
    CountDownLatch ready = new CountDownLatch(1);
    jda =
        JDABuilder.createLight(fake.botToken(), EnumSet.noneOf(GatewayIntent.class))
            .setRestConfig(fake.restConfig())
            .setSessionController(fake.sessionController())
            .addEventListeners(
                bot,
                new ListenerAdapter() {
                  @Override
                  public void onReady(ReadyEvent event) {
                    ready.countDown();
                  }
                })
            .build();
    fake.awaitIdentified(WAIT);
    assertThat(ready.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("JDA ready").isTrue();
    jda.awaitReady();
  }

  private static List<CommandData> commands() {
    return List.of(
        Commands.slash("ping", "Answers pong"),
        Commands.slash("likes", "Liked songs")
            .addSubcommands(
                new SubcommandData("show", "Show liked songs")
                    .addOption(OptionType.INTEGER, "count", "How many", true)
                    .addOption(OptionType.USER, "who", "Whose likes", false)),
        Commands.slash("export", "Sends liked songs as a file"));
  }

  /** The bot under test in miniature: answers like the real bot will. */
  private static final class Bot extends ListenerAdapter {
    final CompletableFuture<SlashCommandInteractionEvent> slash = new CompletableFuture<>();
    final CompletableFuture<ButtonInteractionEvent> button = new CompletableFuture<>();

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
      slash.complete(event);
      switch (event.getName()) {
        case "ping" -> event.deferReply(true).queue(hook -> hook.editOriginal("pong").queue());
        case "likes" -> {
          int count = event.getOption("count", 0, OptionMapping::getAsInt);
          String who = event.getOption("who", event.getUser(), OptionMapping::getAsUser).getName();
          event
              .reply(count + " liked songs of " + who)
              .addEmbeds(new EmbedBuilder().setTitle("Liked songs").setDescription("...").build())
              .addComponents(
                  ActionRow.of(
                      Button.link("https://open.spotify.com/collection/tracks", "Open in Spotify"),
                      Button.primary("more:" + count, "More")))
              .setEphemeral(false)
              .queue();
        }
        case "export" ->
            event
                .deferReply()
                .queue(
                    hook ->
                        hook.deleteOriginal()
                            .queue(
                                deleted ->
                                    hook.sendMessage("your export")
                                        .addFiles(
                                            FileUpload.fromData(
                                                "a\nb\n".getBytes(StandardCharsets.UTF_8),
                                                "likes.txt"))
                                        .setEphemeral(true)
                                        .queue()));
        default -> event.reply("unknown command").setEphemeral(true).queue();
      }
    }

    @Override
    public void onButtonInteraction(ButtonInteractionEvent event) {
      button.complete(event);
      String id = event.getComponentId();
      if (id.startsWith("more:")) {
        event.editMessage("more songs").setComponents().setEmbeds().queue();
      } else if (id.startsWith("like:")) {
        event.reply("liked " + id.substring("like:".length())).setEphemeral(true).queue();
      }
    }
  }
}
