package dev.likesbot.web;

import java.util.List;

/** What keeps the bot from serving; empty when healthy. */
@FunctionalInterface
public interface HealthCheck {
  List<String> problems();
}
