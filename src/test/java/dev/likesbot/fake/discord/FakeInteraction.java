package dev.likesbot.fake.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One interaction the fake sent to the bot, and everything the bot did with its token: the
 * callback, edits of the original response, followups and deletions.
 */
public final class FakeInteraction {
  /** Discord rejects callbacks that arrive later than this after the interaction was created. */
  static final Duration ACK_DEADLINE = Duration.ofSeconds(3);

  /** Discord refuses the interaction's token (its webhook) this long after the interaction. */
  static final Duration TOKEN_LIFETIME = Duration.ofMinutes(15);

  private static final int CALLBACK_PONG = 1;
  private static final int CALLBACK_MESSAGE = 4;
  private static final int CALLBACK_DEFERRED_MESSAGE = 5;
  private static final int CALLBACK_DEFERRED_UPDATE = 6;
  private static final int CALLBACK_UPDATE_MESSAGE = 7;
  private static final int CALLBACK_AUTOCOMPLETE = 8;
  private static final int CALLBACK_MODAL = 9;
  static final int INTERACTION_COMMAND = 2;
  static final int INTERACTION_COMPONENT = 3;
  static final int INTERACTION_MODAL_SUBMIT = 5;

  private final long id;
  private final String token;
  private final int type;
  private final long userId;
  private final Place place;
  private final Long componentMessageId;
  private final Payloads payloads;
  private final Messages messages;
  private final AtomicLong answerCounter;
  private final Supplier<Instant> clock;
  private final Instant createdAt;

  private final List<Call> calls = new ArrayList<>();
  private final List<Reply> replies = new ArrayList<>();
  private final Map<Long, Boolean> followupEphemeral = new HashMap<>();
  private long sentAtNanos;
  private Long ackedAtNanos;
  private Long firstReplyAtNanos;
  private long answerOrder;
  private Long originalId;
  private boolean originalEphemeral;
  private boolean originalDeleted;
  private OpenedModal modal;
  private boolean modalSubmitted;

  FakeInteraction(
      long id,
      String token,
      int type,
      long userId,
      Place place,
      Long componentMessageId,
      Payloads payloads,
      Messages messages,
      AtomicLong answerCounter,
      Supplier<Instant> clock) {
    this.answerCounter = answerCounter;
    this.clock = clock;
    this.createdAt = clock.get();
    this.id = id;
    this.token = token;
    this.type = type;
    this.userId = userId;
    this.place = place;
    this.componentMessageId = componentMessageId;
    this.payloads = payloads;
    this.messages = messages;
  }

  public long id() {
    return id;
  }

  public String token() {
    return token;
  }

  /**
   * The first visible message: a type 4 callback, an edit of the original response (e.g. after a
   * type 5 defer), an update of the clicked message (type 7) or a followup.
   */
  public Reply awaitReply(Duration timeout) {
    return awaitReply(timeout, reply -> true);
  }

  /** The first visible message (in the order above, edits included) that matches. */
  public synchronized Reply awaitReply(Duration timeout, Predicate<Reply> match) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int checked = 0;
    while (true) {
      for (; checked < replies.size(); checked++) {
        if (match.test(replies.get(checked))) {
          return replies.get(checked);
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError(
            "no matching reply to interaction "
                + id
                + " within "
                + timeout
                + "; replies: "
                + replies
                + "; calls: "
                + calls);
      }
      Waits.waitNanos(this, left);
    }
  }

  /**
   * Where this interaction's first visible message came among the first visible messages of all the
   * fake's interactions (1 = first), for ordering assertions; 0 while unanswered.
   */
  public synchronized long answerOrder() {
    return answerOrder;
  }

  /**
   * Waits out the acknowledgement window of an interaction the bot was sent; a description of the
   * failure when it ended without a callback (Discord then shows the member "This interaction
   * failed").
   */
  synchronized Optional<String> missedAcknowledgement() {
    if (sentAtNanos == 0) {
      return Optional.empty(); // never reached the bot
    }
    long deadline = sentAtNanos + ACK_DEADLINE.toNanos();
    while (ackedAtNanos == null && System.nanoTime() < deadline) {
      Waits.waitNanos(this, deadline - System.nanoTime());
    }
    if (ackedAtNanos != null) {
      return Optional.empty();
    }
    return Optional.of(
        "interaction "
            + id
            + " was never acknowledged within "
            + ACK_DEADLINE.toSeconds()
            + " s: Discord shows \"This interaction failed\"; calls: "
            + calls);
  }

  /** Whether any callback was accepted. */
  public synchronized boolean acknowledged() {
    return ackedAtNanos != null;
  }

  /** Time from sending INTERACTION_CREATE to receiving the callback. */
  /** From INTERACTION_CREATE to the first visible message (for load reports, not assertions). */
  public synchronized Duration replyLatency() {
    if (firstReplyAtNanos == null) {
      throw new AssertionError("interaction " + id + " was never answered");
    }
    return Duration.ofNanos(firstReplyAtNanos - sentAtNanos);
  }

  public synchronized Duration ackLatency() {
    if (ackedAtNanos == null) {
      throw new AssertionError("interaction " + id + " was never acknowledged; calls: " + calls);
    }
    return Duration.ofNanos(ackedAtNanos - sentAtNanos);
  }

  public synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  public synchronized boolean originalDeleted() {
    return originalDeleted;
  }

  /** The modal the bot answered with (callback type 9), as the member sees it; empty if none. */
  public synchronized Optional<OpenedModal> modal() {
    return Optional.ofNullable(modal);
  }

  /** Waits until the bot answered with a modal; AssertionError on timeout or another answer. */
  public synchronized OpenedModal awaitModal(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (modal == null) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || (ackedAtNanos != null)) {
        throw new AssertionError(
            "interaction " + id + " was not answered with a modal; calls: " + calls);
      }
      Waits.waitNanos(this, left);
    }
    return modal;
  }

  /**
   * The modal this interaction opened, for {@code submitter} to submit: once, by its member, as
   * Discord's client closes it on submit. IllegalArgumentException (a test mistake) otherwise.
   */
  synchronized OpenedModal modalToSubmit(long submitter) {
    if (modal == null) {
      throw new IllegalArgumentException("interaction " + id + " opened no modal");
    }
    if (submitter != userId) {
      throw new IllegalArgumentException("only the member who opened a modal can submit it");
    }
    if (modalSubmitted) {
      throw new IllegalArgumentException("the modal of interaction " + id + " was submitted");
    }
    return modal;
  }

  /** The member submitted the modal: Discord's client closed it. */
  synchronized void modalSubmitted() {
    modalSubmitted = true;
  }

  Place place() {
    return place;
  }

  /** The message whose component made this interaction (a click), or null. */
  Long componentMessageId() {
    return componentMessageId;
  }

  synchronized void markSent() {
    sentAtNanos = System.nanoTime();
  }

  synchronized void record(Call call) {
    calls.add(call);
  }

  /**
   * Refuses a webhook call with the token once its 15 minutes are over (on the fake's clock), as
   * Discord does: 401 with code 50027 Invalid Webhook Token.
   */
  void requireTokenValid() {
    if (!clock.get().isBefore(createdAt.plus(TOKEN_LIFETIME))) {
      throw DiscordError.expected(401, 50027, "Invalid Webhook Token");
    }
  }

  /** Handles {@code POST interactions/{id}/{token}/callback}; returns the with_response body. */
  synchronized ObjectNode callback(
      JsonNode body, List<Payloads.Upload> files, Consumer<Runnable> afterResponse) {
    if (ackedAtNanos != null) {
      throw DiscordError.unexpected(400, 40060, "Interaction has already been acknowledged.");
    }
    long now = System.nanoTime();
    if (now - sentAtNanos > ACK_DEADLINE.toNanos()) {
      throw DiscordError.unexpected(
          404,
          10062,
          "Unknown interaction (acknowledged after "
              + Duration.ofNanos(now - sentAtNanos).toMillis()
              + " ms, Discord allows 3 s)");
    }
    int callbackType = body.path("type").asInt(-1);
    JsonNode data = body.path("data");
    ObjectNode resource = Payloads.object().put("type", callbackType);
    switch (callbackType) {
      case CALLBACK_MESSAGE -> {
        MessageRules.checkCreate(data, files);
        ObjectNode message =
            payloads.message(Snowflakes.next(), place, data, files, messageType(), true);
        originalId = message.get("id").asLong();
        originalEphemeral = ephemeral(data);
        messages.put(message, data);
        publishLater(message, originalEphemeral, afterResponse);
        resource.set("message", message);
      }
      case CALLBACK_DEFERRED_MESSAGE -> {
        originalEphemeral = ephemeral(data);
        ObjectNode loading = payloads.loadingMessage(Snowflakes.next(), place, originalEphemeral);
        originalId = loading.get("id").asLong();
        messages.put(loading, null);
        resource.set("message", loading);
      }
      case CALLBACK_DEFERRED_UPDATE -> {
        ObjectNode clicked = clickedMessage(callbackType);
        originalId = componentMessageId;
        originalEphemeral = ephemeral(clicked);
      }
      case CALLBACK_UPDATE_MESSAGE -> {
        ObjectNode clicked = clickedMessage(callbackType);
        originalId = componentMessageId;
        originalEphemeral = ephemeral(clicked);
        MessageRules.checkEdit(data);
        ObjectNode updated = Payloads.edit(clicked, data, files);
        messages.put(updated, data);
        publishLater(updated, originalEphemeral, afterResponse);
        resource.set("message", updated);
      }
      case CALLBACK_MODAL -> {
        // Discord offers a modal only as the first answer to a command or a click.
        if (type != INTERACTION_COMMAND && type != INTERACTION_COMPONENT) {
          throw DiscordError.invalidFormBody(
              List.of(
                  new MessageRules.Problem(
                      "type",
                      "INTERACTION_RESPONSE_TYPE_INVALID",
                      "A modal cannot answer interaction type " + type)));
        }
        ModalRules.check(data);
        modal = opened(data);
      }
      case CALLBACK_AUTOCOMPLETE -> {
        // Accepted; nothing becomes visible in the channel.
      }
      case CALLBACK_PONG ->
          throw DiscordError.unexpected(
              400, 50035, "PONG is only for HTTP interactions, not gateway bots");
      default -> throw DiscordError.unexpected(400, 50035, "Unknown callback type " + callbackType);
    }
    ackedAtNanos = now;
    notifyAll();
    ObjectNode answer = Payloads.object();
    ObjectNode interaction = answer.putObject("interaction");
    interaction.put("id", Long.toString(id));
    interaction.put("type", type);
    if (originalId != null) {
      interaction.put("response_message_id", Long.toString(originalId));
      interaction.put("response_message_loading", callbackType == CALLBACK_DEFERRED_MESSAGE);
      interaction.put("response_message_ephemeral", originalEphemeral);
    }
    answer.set("resource", resource);
    return answer;
  }

  /** Handles {@code PATCH webhooks/{app}/{token}/messages/{id or @original}}. */
  synchronized ObjectNode edit(
      String messageId,
      JsonNode body,
      List<Payloads.Upload> files,
      Consumer<Runnable> afterResponse) {
    long target = target(messageId);
    ObjectNode existing = messages.get(target).orElseThrow(FakeInteraction::unknownMessage);
    MessageRules.checkEdit(body);
    ObjectNode edited = Payloads.edit(existing, body, files);
    messages.put(edited, body);
    boolean original = originalId != null && target == originalId;
    publishLater(
        edited, original ? originalEphemeral : followupEphemeral.get(target), afterResponse);
    return edited;
  }

  /** Handles {@code GET webhooks/{app}/{token}/messages/{id or @original}}. */
  synchronized ObjectNode get(String messageId) {
    return messages.get(target(messageId)).orElseThrow(FakeInteraction::unknownMessage);
  }

  /** Handles {@code DELETE webhooks/{app}/{token}/messages/{id or @original}}. */
  synchronized void delete(String messageId) {
    long target = target(messageId);
    if (originalId != null && target == originalId) {
      originalDeleted = true;
    } else {
      followupEphemeral.remove(target);
    }
    messages.remove(target);
  }

  /** Handles {@code POST webhooks/{app}/{token}}: a followup message. */
  synchronized ObjectNode followup(
      JsonNode body, List<Payloads.Upload> files, Consumer<Runnable> afterResponse) {
    requireAcknowledged();
    MessageRules.checkCreate(body, files);
    ObjectNode message =
        payloads.message(Snowflakes.next(), place, body, files, messageType(), true);
    long messageId = message.get("id").asLong();
    boolean ephemeral = ephemeral(body);
    followupEphemeral.put(messageId, ephemeral);
    messages.put(message, body);
    publishLater(message, ephemeral, afterResponse);
    return message;
  }

  private long target(String messageId) {
    requireAcknowledged();
    if ("@original".equals(messageId)) {
      if (originalId == null || originalDeleted) {
        throw DiscordError.unexpected(404, 10008, "Unknown Message (no original response)");
      }
      return originalId;
    }
    long target = Long.parseLong(messageId);
    if ((originalId == null || target != originalId) && !followupEphemeral.containsKey(target)) {
      throw unknownMessage();
    }
    return target;
  }

  private void requireAcknowledged() {
    if (ackedAtNanos == null) {
      // Discord only creates the webhook for the token once the interaction is acknowledged.
      throw DiscordError.unexpected(404, 10015, "Unknown Webhook (interaction not acknowledged)");
    }
  }

  private ObjectNode clickedMessage(int callbackType) {
    if (componentMessageId == null) {
      throw DiscordError.unexpected(
          400, 50035, "Callback type " + callbackType + " is only valid for component clicks");
    }
    return messages.get(componentMessageId).orElseThrow(FakeInteraction::unknownMessage);
  }

  private static OpenedModal opened(JsonNode data) {
    List<OpenedModal.Input> inputs = new ArrayList<>();
    for (JsonNode component : data.path("components")) {
      JsonNode input;
      String label;
      if (component.path("type").asInt() == ModalRules.LABEL) {
        input = component.path("component");
        label = component.path("label").asText();
      } else if (component.path("type").asInt() == ModalRules.ACTION_ROW) {
        input = component.path("components").path(0);
        label = input.path("label").asText();
      } else {
        continue;
      }
      if (input.path("type").asInt() != ModalRules.TEXT_INPUT) {
        continue;
      }
      inputs.add(
          new OpenedModal.Input(
              input.path("custom_id").asText(),
              label,
              input.path("style").asInt(),
              input.path("required").asBoolean(true),
              input.path("min_length").asInt(0),
              input.path("max_length").asInt(4000),
              input.path("placeholder").asText("")));
    }
    return new OpenedModal(
        data.path("custom_id").asText(), data.path("title").asText(), inputs, data.deepCopy());
  }

  private int messageType() {
    return componentMessageId == null ? Payloads.MESSAGE_SLASH_COMMAND : Payloads.MESSAGE_DEFAULT;
  }

  private static boolean ephemeral(JsonNode messageOrData) {
    return (messageOrData.path("flags").asInt(0) & Payloads.FLAG_EPHEMERAL) != 0;
  }

  /**
   * Makes the reply visible to waiting tests only once JDA has the HTTP answer: a test that ends
   * right after awaitReply must not shut the fake down under a response still being written.
   */
  private void publishLater(
      ObjectNode message, boolean ephemeral, Consumer<Runnable> afterResponse) {
    ObjectNode snapshot = message.deepCopy();
    List<JsonNode> embeds = new ArrayList<>();
    snapshot.path("embeds").forEach(embeds::add);
    List<JsonNode> components = new ArrayList<>();
    snapshot.path("components").forEach(components::add);
    Reply reply =
        new Reply(snapshot.path("content").asText(""), embeds, components, ephemeral, snapshot);
    afterResponse.accept(() -> publish(reply));
  }

  private synchronized void publish(Reply reply) {
    if (firstReplyAtNanos == null) {
      firstReplyAtNanos = System.nanoTime();
      answerOrder = answerCounter.incrementAndGet();
    }
    replies.add(reply);
    notifyAll();
  }

  private static DiscordError unknownMessage() {
    return DiscordError.unexpected(404, 10008, "Unknown Message");
  }

  @Override
  public String toString() {
    return "FakeInteraction[id=" + id + ", type=" + type + "]";
  }
}
