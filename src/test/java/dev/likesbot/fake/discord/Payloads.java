package dev.likesbot.fake.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Builds JSON in the shapes JDA 6.5 parses (see its EntityBuilder, ReadyHandler, GuildSetupNode and
 * InteractionImpl). Fields JDA reads with a strict getter must be present, or it drops the event
 * with only a log line. Public only so tests outside the package can name {@link Upload}, which
 * {@link FakeDiscord#dmFiles} and {@link Reply#files} hand out; its builders stay package-private.
 */
public final class Payloads {
  static final ObjectMapper JSON = new ObjectMapper();

  static final int MESSAGE_DEFAULT = 0;
  static final int MESSAGE_SLASH_COMMAND = 20;
  static final int FLAG_EPHEMERAL = 64;
  static final int FLAG_LOADING = 128;

  /** View channel, send messages, embed links, attach files, history, reactions, app commands. */
  static final String TEXT_PERMISSIONS =
      Long.toString(
          (1L << 6)
              | (1L << 10)
              | (1L << 11)
              | (1L << 14)
              | (1L << 15)
              | (1L << 16)
              | (1L << 18)
              | (1L << 31));

  static final String BOT_USERNAME = "likes-bot";
  static final String GUILD_NAME = "Fake Guild";
  static final String CHANNEL_NAME = "general";

  private final long botUserId;
  private final long applicationId;
  private final Long guildId;
  private final long guildChannelId;
  private final long guildOwnerId;

  /** The team owning the application, or null when a user owns it. */
  private volatile Team team;

  /** An application's team: its id, name and members, the first of them its owner. */
  record Team(long id, String name, List<FakeUser> members) {
    Team {
      members = List.copyOf(members);
      if (members.isEmpty()) {
        throw new IllegalArgumentException("a team has at least its owner");
      }
    }
  }

  Payloads(long botUserId, long applicationId, Long guildId) {
    this.botUserId = botUserId;
    this.applicationId = applicationId;
    this.guildId = guildId;
    this.guildChannelId = guildId == null ? 0 : guildId + 1;
    this.guildOwnerId = guildId == null ? 0 : guildId + 2;
  }

  /** The user owning the application when no team does. */
  long applicationOwnerId() {
    return botUserId + 1;
  }

  void team(Team team) {
    this.team = team;
  }

  long guildChannelId() {
    return guildChannelId;
  }

  static String timestamp() {
    return OffsetDateTime.now(ZoneOffset.UTC)
        .truncatedTo(ChronoUnit.MILLIS)
        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  static ArrayNode array() {
    return JSON.createArrayNode();
  }

  /** {@code GET oauth2/applications/@me}: the application the bot token belongs to. */
  ObjectNode application() {
    ObjectNode app = object();
    app.put("id", Long.toString(applicationId));
    app.put("name", BOT_USERNAME);
    app.putNull("icon");
    app.put("description", "");
    app.put("bot_public", true);
    app.put("bot_require_code_grant", false);
    app.put("verify_key", "0".repeat(64));
    app.put("flags", 0);
    app.set("bot", botUser());
    Team owningTeam = team;
    if (owningTeam == null) {
      ObjectNode owner = app.putObject("owner");
      owner.put("id", Long.toString(applicationOwnerId()));
      owner.put("username", "owner");
      owner.put("discriminator", "0");
      owner.putNull("global_name");
      owner.putNull("avatar");
      owner.put("flags", 0);
      owner.put("public_flags", 0);
      app.putNull("team");
    } else {
      // Discord's documented shape for a team's application: "owner" is the team's pseudo-user
      // (the team's id, username "team" + id, the TEAM_USER flag 1 << 10), and the real owner is
      // team.owner_user_id, one of team.members.
      ObjectNode owner = app.putObject("owner");
      owner.put("id", Long.toString(owningTeam.id()));
      owner.put("username", "team" + owningTeam.id());
      owner.put("discriminator", "0000");
      owner.putNull("global_name");
      owner.putNull("avatar");
      owner.put("flags", 1 << 10);
      owner.put("public_flags", 1 << 10);
      ObjectNode teamJson = app.putObject("team");
      teamJson.putNull("icon");
      teamJson.put("id", Long.toString(owningTeam.id()));
      teamJson.put("name", owningTeam.name());
      teamJson.put("owner_user_id", Long.toString(owningTeam.members().get(0).id()));
      ArrayNode members = teamJson.putArray("members");
      for (FakeUser member : owningTeam.members()) {
        ObjectNode entry = members.addObject();
        entry.put("membership_state", 2); // ACCEPTED
        entry.put("team_id", Long.toString(owningTeam.id()));
        entry.set("user", user(member));
        entry.put("role", member == owningTeam.members().get(0) ? "admin" : "developer");
        entry.putArray("permissions").add("*");
      }
    }
    app.putArray("tags");
    return app;
  }

  /** {@code GET users/@me/guilds}: partial guild objects of the servers the bot is in. */
  ArrayNode ownGuilds() {
    ArrayNode guilds = array();
    if (guildId != null) {
      ObjectNode guild = guilds.addObject();
      guild.put("id", Long.toString(guildId));
      guild.put("name", GUILD_NAME);
      guild.putNull("icon");
      guild.putNull("banner");
      guild.put("owner", false);
      guild.put("permissions", TEXT_PERMISSIONS);
      guild.putArray("features");
    }
    return guilds;
  }

  ObjectNode botUser() {
    ObjectNode user = object();
    user.put("id", Long.toString(botUserId));
    user.put("username", BOT_USERNAME);
    user.put("discriminator", "0000");
    user.putNull("global_name");
    user.putNull("avatar");
    user.put("bot", true);
    user.put("system", false);
    user.put("verified", true);
    user.put("mfa_enabled", false);
    user.put("flags", 0);
    user.put("public_flags", 0);
    return user;
  }

  static ObjectNode user(FakeUser fakeUser) {
    ObjectNode user = object();
    user.put("id", Long.toString(fakeUser.id()));
    user.put("username", fakeUser.username());
    user.put("discriminator", "0");
    user.put("global_name", fakeUser.username());
    user.put("avatar", fakeUser.avatar());
    user.put("bot", false);
    user.put("public_flags", 0);
    return user;
  }

  /** Answer to {@code POST users/@me/channels}: the recipient is the other user. */
  static ObjectNode dmChannel(long channelId, FakeUser recipient) {
    ObjectNode channel = object();
    channel.put("id", Long.toString(channelId));
    channel.put("type", 1);
    channel.putNull("last_message_id");
    channel.put("flags", 0);
    channel.putArray("recipients").add(user(recipient));
    return channel;
  }

  /**
   * The channel of a bot-DM interaction. JDA's InteractionEntityBuilder expects the bot itself as
   * recipient there and then uses the invoking user as the other side.
   */
  ObjectNode interactionDmChannel(long channelId) {
    ObjectNode channel = object();
    channel.put("id", Long.toString(channelId));
    channel.put("type", 1);
    channel.putNull("last_message_id");
    channel.put("flags", 0);
    channel.putArray("recipients").add(botUser());
    return channel;
  }

  ObjectNode guildTextChannel() {
    ObjectNode channel = object();
    channel.put("id", Long.toString(guildChannelId));
    channel.put("type", 0);
    channel.put("guild_id", Long.toString(guildId));
    channel.put("name", CHANNEL_NAME);
    channel.put("position", 0);
    channel.putArray("permission_overwrites");
    channel.put("nsfw", false);
    channel.putNull("parent_id");
    channel.putNull("topic");
    channel.putNull("last_message_id");
    channel.put("rate_limit_per_user", 0);
    channel.put("flags", 0);
    return channel;
  }

  static ObjectNode member(ObjectNode user, String joinedAt) {
    ObjectNode member = object();
    member.set("user", user);
    member.putArray("roles");
    member.putNull("nick");
    member.putNull("avatar");
    member.put("joined_at", joinedAt);
    member.putNull("premium_since");
    member.put("deaf", false);
    member.put("mute", false);
    member.put("flags", 0);
    member.put("pending", false);
    member.putNull("communication_disabled_until");
    return member;
  }

  /** READY of one shard; {@code withGuild} when the guild is on this shard. */
  ObjectNode ready(
      String sessionId, String resumeGatewayUrl, int shardId, int shardTotal, boolean withGuild) {
    ObjectNode ready = object();
    ready.put("v", 10);
    ready.set("user", botUser());
    ready.putObject("user_settings");
    ready.putArray("shard").add(shardId).add(shardTotal);
    ArrayNode guilds = ready.putArray("guilds");
    if (withGuild) {
      guilds.addObject().put("id", Long.toString(guildId)).put("unavailable", true);
    }
    ready.putArray("private_channels");
    ready.putArray("relationships");
    ready.putArray("presences");
    ready.putArray("guild_join_requests");
    ready.putArray("geo_ordered_rtc_regions");
    ready.put("session_type", "normal");
    ready.put("session_id", sessionId);
    ready.put("resume_gateway_url", resumeGatewayUrl);
    ready.putObject("application").put("id", Long.toString(applicationId)).put("flags", 0);
    ready.putArray("_trace").add("fake-discord");
    return ready;
  }

  /**
   * GUILD_CREATE with everything GuildSetupNode and EntityBuilder#createGuild read. member_count
   * equals the members sent (only the bot) so JDA never waits for member chunks.
   */
  ObjectNode guildCreate() {
    String id = Long.toString(guildId);
    ObjectNode guild = object();
    guild.put("id", id);
    guild.put("name", GUILD_NAME);
    guild.putNull("icon");
    guild.putNull("splash");
    guild.putNull("banner");
    guild.putNull("description");
    guild.put("owner_id", Long.toString(guildOwnerId));
    guild.put("unavailable", false);
    guild.put("large", false);
    guild.put("joined_at", timestamp());
    guild.put("preferred_locale", "en-US");
    guild.put("verification_level", 0);
    guild.put("default_message_notifications", 0);
    guild.put("explicit_content_filter", 0);
    guild.put("mfa_level", 0);
    guild.put("nsfw_level", 0);
    guild.put("premium_tier", 0);
    guild.put("premium_subscription_count", 0);
    guild.put("premium_progress_bar_enabled", false);
    guild.put("system_channel_flags", 0);
    guild.putNull("afk_channel_id");
    guild.put("afk_timeout", 300);
    guild.putNull("system_channel_id");
    guild.putNull("rules_channel_id");
    guild.putNull("public_updates_channel_id");
    guild.putNull("safety_alerts_channel_id");
    guild.putNull("vanity_url_code");
    guild.put("max_members", 500000);
    guild.putArray("features");
    ObjectNode everyone = guild.putArray("roles").addObject();
    everyone.put("id", id);
    everyone.put("name", "@everyone");
    everyone.put("position", 0);
    everyone.put("permissions", TEXT_PERMISSIONS);
    everyone.put("managed", false);
    everyone.put("hoist", false);
    everyone.put("mentionable", false);
    everyone.put("color", 0);
    ObjectNode colors = everyone.putObject("colors");
    colors.put("primary_color", 0);
    colors.putNull("secondary_color");
    colors.putNull("tertiary_color");
    everyone.put("flags", 0);
    everyone.putNull("icon");
    everyone.putNull("unicode_emoji");
    guild.putArray("channels").add(guildTextChannel());
    guild.putArray("members").add(member(botUser(), timestamp()));
    guild.put("member_count", 1);
    guild.putArray("threads");
    guild.putArray("emojis");
    guild.putArray("stickers");
    guild.putArray("voice_states");
    guild.putArray("presences");
    guild.putArray("guild_scheduled_events");
    guild.putArray("stage_instances");
    guild.putArray("soundboard_sounds");
    return guild;
  }

  /**
   * A message object as Discord answers it, built from what the bot posted.
   *
   * @param files uploaded files of a multipart request, matched by index to {@code attachments}
   */
  ObjectNode message(
      long id, Place place, JsonNode body, List<Upload> files, int type, boolean fromInteraction) {
    ObjectNode message = object();
    message.put("id", Long.toString(id));
    message.put("type", type);
    message.put("channel_id", Long.toString(place.channelId()));
    if (place.inGuild()) {
      message.put("guild_id", Long.toString(place.guildId()));
    }
    message.set("author", botUser());
    message.put("content", body.path("content").asText(""));
    message.set("embeds", embeds(body.path("embeds")));
    message.set("components", components(body.path("components")));
    message.set("attachments", attachments(body.path("attachments"), files));
    message.putArray("mentions");
    message.putArray("mention_roles");
    message.put("mention_everyone", false);
    message.put("pinned", false);
    message.put("tts", body.path("tts").asBoolean(false));
    message.put("timestamp", timestamp());
    message.putNull("edited_timestamp");
    message.put("flags", body.path("flags").asInt(0) & ~FLAG_LOADING);
    if (fromInteraction) {
      message.put("webhook_id", Long.toString(applicationId));
      message.put("application_id", Long.toString(applicationId));
    }
    return message;
  }

  /** The "is thinking..." placeholder Discord creates for a deferred reply. */
  ObjectNode loadingMessage(long id, Place place, boolean ephemeral) {
    ObjectNode body = object().put("flags", FLAG_LOADING | (ephemeral ? FLAG_EPHEMERAL : 0));
    ObjectNode message = message(id, place, body, List.of(), MESSAGE_SLASH_COMMAND, true);
    message.put("flags", body.get("flags").asInt());
    return message;
  }

  /** Applies a PATCH body to a message; unspecified fields keep their value, like Discord. */
  static ObjectNode edit(ObjectNode existing, JsonNode patch, List<Upload> files) {
    ObjectNode edited = existing.deepCopy();
    if (patch.has("content")) {
      edited.put("content", patch.path("content").asText(""));
    }
    if (patch.has("embeds")) {
      edited.set("embeds", embeds(patch.get("embeds")));
    }
    if (patch.has("components")) {
      edited.set("components", components(patch.get("components")));
    }
    if (patch.has("attachments") || !files.isEmpty()) {
      edited.set("attachments", attachments(patch.path("attachments"), files));
    }
    int kept = existing.path("flags").asInt(0) & FLAG_EPHEMERAL;
    int requested =
        patch.has("flags") ? patch.get("flags").asInt(0) : existing.path("flags").asInt(0);
    edited.put("flags", (requested | kept) & ~FLAG_LOADING);
    edited.put("edited_timestamp", timestamp());
    return edited;
  }

  /** Discord adds {@code type: rich} to embeds the bot posts; JDA requires the field. */
  private static ArrayNode embeds(JsonNode posted) {
    ArrayNode embeds = array();
    posted.forEach(
        embed -> {
          ObjectNode copy = embed.deepCopy();
          if (!copy.hasNonNull("type")) {
            copy.put("type", "rich");
          }
          embeds.add(copy);
        });
    return embeds;
  }

  /** Discord numbers every component of a message; buttons are found by these ids later. */
  private static ArrayNode components(JsonNode posted) {
    ArrayNode components = posted.isArray() ? ((ArrayNode) posted).deepCopy() : array();
    int[] next = {maxComponentId(components) + 1};
    components.forEach(component -> numberComponents(component, next));
    return components;
  }

  private static int maxComponentId(JsonNode node) {
    int max = node.path("id").asInt(0);
    for (JsonNode child : node) {
      max = Math.max(max, maxComponentId(child));
    }
    return max;
  }

  private static void numberComponents(JsonNode node, int[] next) {
    if (node instanceof ObjectNode component && node.has("type") && !node.hasNonNull("id")) {
      component.put("id", next[0]++);
    }
    node.path("components").forEach(child -> numberComponents(child, next));
    JsonNode accessory = node.path("accessory");
    if (!accessory.isMissingNode()) {
      numberComponents(accessory, next);
    }
  }

  private static ArrayNode attachments(JsonNode posted, List<Upload> files) {
    ArrayNode attachments = array();
    int index = 0;
    for (Upload file : files) {
      JsonNode meta = posted.path(index++);
      long id = Snowflakes.next();
      ObjectNode attachment = attachments.addObject();
      attachment.put("id", Long.toString(id));
      attachment.put("filename", meta.path("filename").asText(file.filename()));
      attachment.put("size", file.size());
      attachment.put("url", "https://cdn.fake-discord.invalid/attachments/" + id);
      attachment.put("proxy_url", "https://media.fake-discord.invalid/attachments/" + id);
      if (file.contentType() != null) {
        attachment.put("content_type", file.contentType());
      }
      if (meta.hasNonNull("description")) {
        attachment.put("description", meta.get("description").asText());
      }
    }
    return attachments;
  }

  /** The INTERACTION_CREATE body shared by commands and component clicks. */
  ObjectNode interaction(
      long id, String token, int type, Place place, FakeUser user, ObjectNode data) {
    ObjectNode interaction = object();
    interaction.put("id", Long.toString(id));
    interaction.put("application_id", Long.toString(applicationId));
    interaction.put("type", type);
    interaction.put("token", token);
    interaction.put("version", 1);
    interaction.put("channel_id", Long.toString(place.channelId()));
    interaction.put("locale", user.locale());
    interaction.putArray("entitlements");
    interaction.put("app_permissions", TEXT_PERMISSIONS);
    interaction.put("attachment_size_limit", 10 * 1024 * 1024);
    ObjectNode owners = interaction.putObject("authorizing_integration_owners");
    if (place.inGuild()) {
      String guild = Long.toString(place.guildId());
      interaction.put("context", 0);
      owners.put("0", guild);
      interaction.put("guild_id", guild);
      interaction.put("guild_locale", "en-US");
      ObjectNode partialGuild = interaction.putObject("guild");
      partialGuild.put("id", guild);
      partialGuild.put("locale", "en-US");
      partialGuild.putArray("features");
      interaction.set("channel", guildTextChannel());
      ObjectNode member = member(user(user), timestamp());
      member.put("permissions", TEXT_PERMISSIONS);
      interaction.set("member", member);
    } else {
      // A guild-installed app used in the bot's DM: Discord reports guild owner "0".
      interaction.put("context", 1);
      owners.put("0", "0");
      interaction.set("channel", interactionDmChannel(place.channelId()));
      interaction.set("user", user(user));
    }
    interaction.set("data", data);
    return interaction;
  }

  /** A file part of a multipart request, with its bytes. */
  public record Upload(String name, String filename, String contentType, byte[] bytes) {
    public int size() {
      return bytes.length;
    }
  }
}
