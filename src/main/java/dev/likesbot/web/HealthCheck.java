package dev.likesbot.web;

import java.util.List;

/** What keeps the bot from serving members ({@code /readyz}); empty when ready. */
@FunctionalInterface
public interface HealthCheck {
  List<String> problems();
}
