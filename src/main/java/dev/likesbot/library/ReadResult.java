package dev.likesbot.library;

/**
 * How a whole-library read ended: {@code total} is what Spotify's first page said, {@code songs}
 * how many were handed to the listeners (a few more or fewer when songs were liked or removed
 * during the read). The songs themselves only ever go through {@link ReadListener#songs}, so a
 * command never needs the whole library at once; {@code kept} says whether a snapshot of them was
 * kept for the next read (not when larger than the budget).
 */
public record ReadResult(int total, int songs, boolean kept) {}
