package dev.likesbot.store;

/** One step of a member's walk: the permutation's seed and the position claimed in it. */
public record ShufflePosition(long seed, int position) {}
