package dev.likesbot.testing;

import dev.likesbot.discord.DirectMessenger;
import dev.likesbot.discord.Reply;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records DMs; members in {@link #closed} have their DMs closed. */
public final class RecordingMessenger implements DirectMessenger {
  public final Map<String, List<Reply>> sent = new ConcurrentHashMap<>();
  public final Set<String> closed = ConcurrentHashMap.newKeySet();

  /** Members whose DMs fail on Discord's side (a 5xx after JDA's retries, say). */
  public final Set<String> failing = ConcurrentHashMap.newKeySet();

  @Override
  public CompletableFuture<Delivery> send(String userId, Reply message) {
    if (failing.contains(userId)) {
      return CompletableFuture.failedFuture(new IllegalStateException("Discord answered 500"));
    }
    if (closed.contains(userId)) {
      return CompletableFuture.completedFuture(Delivery.DMS_CLOSED);
    }
    sent.computeIfAbsent(userId, k -> new CopyOnWriteArrayList<>()).add(message);
    return CompletableFuture.completedFuture(Delivery.SENT);
  }
}
