package dev.likesbot.fake.discord;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A message the bot made visible for an interaction (initial reply, edit of the original, or
 * followup).
 *
 * @param content message content after the call ({@code ""} if none)
 * @param embeds embeds after the call
 * @param components top-level components after the call (action rows, with Discord's numeric ids)
 * @param ephemeral whether only the invoking user sees it
 * @param raw the full message object as the fake answered it to JDA (id, channel_id, author, ...);
 *     pass it to {@link FakeDiscord#button} to click one of its buttons
 * @param files the files uploaded with this call (their metadata is in {@code raw.attachments})
 * @param at when the fake accepted the call, on the fake's clock ({@link FakeDiscord#useClock})
 */
public record Reply(
    String content,
    List<JsonNode> embeds,
    List<JsonNode> components,
    boolean ephemeral,
    JsonNode raw,
    List<Payloads.Upload> files,
    Instant at) {

  public Reply {
    embeds = List.copyOf(embeds);
    components = List.copyOf(components);
    files = List.copyOf(files);
  }

  /** Flattened buttons of all action rows: each has style, label, url or custom_id. */
  public List<JsonNode> buttons() {
    List<JsonNode> buttons = new ArrayList<>();
    components.forEach(component -> collectButtons(component, buttons));
    return List.copyOf(buttons);
  }

  static void collectButtons(JsonNode component, List<JsonNode> into) {
    if (component.path("type").asInt() == 2) {
      into.add(component);
    }
    // Action rows, sections and containers nest their children under these keys.
    component.path("components").forEach(child -> collectButtons(child, into));
    JsonNode accessory = component.path("accessory");
    if (!accessory.isMissingNode()) {
      collectButtons(accessory, into);
    }
  }
}
