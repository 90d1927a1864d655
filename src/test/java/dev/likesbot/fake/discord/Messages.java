package dev.likesbot.fake.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Every message the bot created, by id, plus the bodies it posted, so a test can click a button on
 * whatever it holds: a {@link Reply#raw()}, a body from {@link FakeDiscord#dms}, or an id.
 */
final class Messages {
  private final Map<Long, ObjectNode> byId = new HashMap<>();
  private final Map<JsonNode, Long> byPostedBody = new IdentityHashMap<>();
  private final List<Map.Entry<JsonNode, Long>> posted = new ArrayList<>();

  synchronized void put(ObjectNode message, JsonNode postedBody) {
    long id = message.get("id").asLong();
    byId.put(id, message);
    if (postedBody != null) {
      byPostedBody.put(postedBody, id);
      posted.add(Map.entry(postedBody, id));
    }
    notifyAll();
  }

  /** Waits until the message a test refers to (as in {@link #resolve}) matches; its state then. */
  synchronized ObjectNode await(JsonNode given, Duration timeout, Predicate<JsonNode> match) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<ObjectNode> current = resolve(given);
      if (current.isPresent() && match.test(current.get())) {
        return current.get().deepCopy();
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError(
            "message " + given + " did not match within " + timeout + "; now: " + current);
      }
      Waits.waitNanos(this, left);
    }
  }

  synchronized Optional<ObjectNode> get(long id) {
    return Optional.ofNullable(byId.get(id));
  }

  synchronized void remove(long id) {
    byId.remove(id);
  }

  /** Finds the current state of the message a test refers to. */
  synchronized Optional<ObjectNode> resolve(JsonNode given) {
    Long id = byPostedBody.get(given);
    if (id == null && given.hasNonNull("id") && given.hasNonNull("channel_id")) {
      id = given.get("id").asLong();
    }
    if (id == null) {
      // A copy of a posted body: the latest equal one wins.
      for (int i = posted.size() - 1; i >= 0 && id == null; i--) {
        if (posted.get(i).getKey().equals(given)) {
          id = posted.get(i).getValue();
        }
      }
    }
    return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
  }
}
