package dev.likesbot.spotify.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class RoutedHttpManagerTest {

  @Test
  void theMetricsEndpointIsThePathWithoutQueryOrIds() {
    assertThat(
            RoutedHttpManager.endpoint(
                URI.create("https://api.spotify.com/v1/me/tracks?limit=1&offset=7")))
        .isEqualTo("/v1/me/tracks");
    assertThat(
            RoutedHttpManager.endpoint(
                URI.create("https://api.spotify.com/v1/tracks/4iV5W9uYEdYUVa79Axb7Rh")))
        .isEqualTo("/v1/tracks/{id}");
    assertThat(RoutedHttpManager.endpoint(URI.create("https://accounts.spotify.com/api/token")))
        .isEqualTo("/api/token");
  }
}
