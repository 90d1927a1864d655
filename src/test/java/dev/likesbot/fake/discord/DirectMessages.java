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

  synchronized void record(long userId, JsonNode body) {
    sent.computeIfAbsent(userId, user -> new ArrayList<>()).add(body);
    notifyAll();
  }

  synchronized List<JsonNode> sent(long userId) {
    return List.copyOf(sent.getOrDefault(userId, List.of()));
  }

  synchronized JsonNode await(long userId, Duration timeout, Predicate<JsonNode> match) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (JsonNode body : sent.getOrDefault(userId, List.of())) {
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
