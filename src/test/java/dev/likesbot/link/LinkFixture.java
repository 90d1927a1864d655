package dev.likesbot.link;

import dev.likesbot.discord.InteractionPipeline;
import dev.likesbot.discord.LinkCheck;
import dev.likesbot.discord.MemberLimiter;
import dev.likesbot.discord.TestPipeline;
import dev.likesbot.fake.spotify.FakeSpotify;
import dev.likesbot.metrics.Metrics;
import dev.likesbot.spotify.webapi.SpotifyWire;
import dev.likesbot.spotify.webapi.WebApiSpotify;
import dev.likesbot.testing.FakeTime;
import dev.likesbot.testing.InMemoryStore;
import dev.likesbot.testing.NoLocales;
import dev.likesbot.testing.RecordingMessenger;
import dev.likesbot.tokens.MemberTokens;
import dev.likesbot.tokens.NotLinkedException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the link unit tests share: the link service on the real Spotify adapter and the wire fake,
 * an in-memory store, a fake clock and DMs recorded. Make one per test next to a static {@link
 * SpotifyWire}.
 */
final class LinkFixture {
  final FakeTime time = new FakeTime();
  final InMemoryStore store = new InMemoryStore();
  final RecordingMessenger messenger = new RecordingMessenger();
  final WebApiSpotify spotify;
  final FakeSpotify fake;
  final MemberTokens tokens;

  /** A loopback deployment's service: no login pages, members finish by pasting. */
  final LinkService links;

  LinkFixture(SpotifyWire wire) {
    spotify = wire.connect(time);
    fake = wire.fake();
    tokens = new MemberTokens(store, spotify, time, time, Metrics.NONE);
    links = service(Optional.empty());
  }

  /** A service whose logins open {@code loginPage} (a public deployment's) when there is one. */
  LinkService service(Optional<Function<String, URI>> loginPage) {
    return new LinkService(
        store,
        tokens,
        spotify,
        spotify,
        new LinkedDm(messenger, NoLocales.memberLocales()),
        member -> {},
        member -> {},
        () -> false,
        new SecureRandom(),
        time,
        loginPage);
  }

  /** /link and /unlink on {@code service}, through the pipeline every command takes. */
  InteractionPipeline pipeline(LinkService service, MemberLimiter limiter) {
    LoginMessages messages =
        new LoginMessages(messenger, linked -> {}, InstantSource.system(), id -> Optional.empty());
    return TestPipeline.of(
        List.of(new LinkCommand(service, tokens, messenger, messages), new UnlinkCommand(tokens)),
        new LinkCheck(tokens::isLinked, NotLinkedException.class),
        Runnable::run,
        limiter,
        Metrics.NONE);
  }
}
