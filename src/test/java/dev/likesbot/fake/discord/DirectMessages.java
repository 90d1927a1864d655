package dev.likesbot.fake.discord;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** DM channels between the bot and users, what the bot sent into them, and who closed DMs. */
final class DirectMessages {
  private final Map<Long, Long> channelByUser = new HashMap<>();
  private final Map<Long, Long> userByChannel = new HashMap<>();
  private final Set<Long> closed = new HashSet<>();
  private final Map<Long, List<JsonNode>> sent = new HashMap<>();
  private final Map<Long, List<List<Payloads.Upload>>> files = new HashMap<>();
  private final Map<Long, Integer> delivered = new HashMap<>();

  synchronized long channelFor(long userId) {
    return channelByUser.computeIfAbsent(
        userId,
        user -> {
          long channel = Snowflakes.next();
          userByChannel.put(channel, user);
          return channel;
        });
  }

  synchronized Long userOf(long channelId) {
    return userByChannel.get(channelId);
  }

  synchronized void close(long userId) {
    closed.add(userId);
  }

  synchronized boolean isClosed(long userId) {
    return closed.contains(userId);
  }

  /**
   * Records a DM as soon as it is accepted, so {@link #sent} is current once JDA has its answer.
   */
  synchronized void record(long userId, JsonNode body, List<Payloads.Upload> uploads) {
    sent.computeIfAbsent(userId, user -> new ArrayList<>()).add(body);
    files.computeIfAbsent(userId, user -> new ArrayList<>()).add(List.copyOf(uploads));
  }

  /** The files uploaded with each DM, in the order of {@link #sent}. */
  synchronized List<List<Payloads.Upload>> files(long userId) {
    return List.copyOf(files.getOrDefault(userId, List.of()));
  }

  /**
   * Wakes waiters once JDA has the answer to the oldest undelivered DM, so a test never closes the
   * fake under a response still being written.
   */
  synchronized void delivered(long userId) {
    delivered.merge(userId, 1, Integer::sum);
    notifyAll();
  }

  synchronized List<JsonNode> sent(long userId) {
    return List.copyOf(sent.getOrDefault(userId, List.of()));
  }

  synchronized JsonNode await(long userId, Duration timeout, Predicate<JsonNode> match) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<JsonNode> bodies = sent.getOrDefault(userId, List.of());
      for (JsonNode body : bodies.subList(0, delivered.getOrDefault(userId, 0))) {
        if (match.test(body)) {
          return body;
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError(
            "no matching DM to user "
                + userId
                + " within "
                + timeout
                + "; DMs so far: "
                + sent.getOrDefault(userId, List.of()));
      }
      Waits.waitNanos(this, left);
    }
  }
}
