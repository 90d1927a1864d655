package dev.likesbot.discord;

/**
 * Handles clicks on {@link Reply.ActionButton}s whose id starts with {@code prefix() + ":"}. Like
 * {@link SlashCommand#handle}, {@link #handle} runs on the worker pool and answers exactly once.
 */
public interface ButtonHandler {

  String prefix();

  void handle(ButtonCall call);
}
