package dev.likesbot.discord;

import dev.likesbot.logging.ErrorIds;
import dev.likesbot.metrics.Metrics;
import dev.likesbot.testing.NoLocales;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The interaction pipeline for tests of the features behind it: nobody in charge to name or tell,
 * and no member's language remembered.
 */
public final class TestPipeline {
  private TestPipeline() {}

  public static InteractionPipeline of(
      List<SlashCommand> features,
      LinkCheck links,
      Executor workers,
      MemberLimiter limiter,
      Metrics metrics) {
    return new InteractionPipeline(
        features, links, workers, limiter, metrics, withoutOwner(), NoLocales.memberLocales());
  }

  /** Failures explained with nobody named or told, as before anyone was in charge. */
  static ErrorReplies withoutOwner() {
    return new ErrorReplies(nobody(), new ErrorIds(new SecureRandom(), id -> {}));
  }

  /** Alerts that tell no one. */
  static OwnerAlerts nobody() {
    return new OwnerAlerts(
        new Owner(),
        (user, message) -> {
          throw new IllegalStateException("nobody to DM");
        },
        InstantSource.system(),
        NoLocales.memberLocales());
  }
}
