package dev.likesbot.discord;

import java.util.function.Predicate;

/**
 * How the {@link InteractionPipeline} learns whether a member has a Spotify link, without knowing
 * who keeps the links: {@code isLinked} asks before the work, and a {@code notLinked} thrown by the
 * work means the link ended while it ran.
 */
public record LinkCheck(Predicate<String> isLinked, Class<? extends RuntimeException> notLinked) {}
