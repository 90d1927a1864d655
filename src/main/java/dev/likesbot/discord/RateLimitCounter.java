package dev.likesbot.discord;

import dev.likesbot.metrics.Metrics;
import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Counts Discord's 429 answers on JDA's HTTP client. JDA waits them out by itself and says nothing,
 * so without this a bot that keeps hitting limits looks merely slow.
 */
final class RateLimitCounter implements Interceptor {
  private final Metrics metrics;

  RateLimitCounter(Metrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    if (response.code() == 429) {
      metrics.rateLimited("discord");
    }
    return response;
  }
}
