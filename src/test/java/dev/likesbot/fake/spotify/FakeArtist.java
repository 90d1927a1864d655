package dev.likesbot.fake.spotify;

import java.util.Objects;

/** An artist as Spotify's SimplifiedArtistObject carries it; {@code id} is null for local files. */
public record FakeArtist(String id, String name) {

  public FakeArtist {
    Objects.requireNonNull(name, "name");
  }

  public static FakeArtist of(String id, String name) {
    return new FakeArtist(Objects.requireNonNull(id, "id"), name);
  }

  /** Local files only carry the name their tags give. */
  public static FakeArtist local(String name) {
    return new FakeArtist(null, name);
  }

  public String uri() {
    return id == null ? null : "spotify:artist:" + id;
  }
}
