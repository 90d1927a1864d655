/**
 * A fake Discord (REST API + gateway) for end-to-end tests that run the real JDA.
 *
 * <pre>{@code
 * FakeDiscord fake = FakeDiscord.start(); // or start(Options.defaults().withGuild(id))
 * JDA jda = JDABuilder.createLight(fake.botToken(), EnumSet.noneOf(GatewayIntent.class))
 *     .setRestConfig(fake.restConfig())               // REST -> http://127.0.0.1:PORT/api/v10/
 *     .setSessionController(fake.sessionController()) // gateway -> ws://127.0.0.1:PORT/gateway
 *     .addEventListeners(bot)
 *     .build()
 *     .awaitReady();
 * fake.awaitCommandUpdates(1, timeout);               // the bot registered its commands
 * Reply reply = fake.slashCommand(fake.user(1L, "alice"), "likes", "show", Map.of())
 *     .awaitReply(timeout);
 * // at the end: jda.shutdownNow() + awaitShutdown, then
 * // assert fake.failures() and JdaWarnings.drain() are empty, then fake.close()
 * }</pre>
 *
 * <p>JDA 6 has no {@code GatewayIntent.GUILDS} constant: the GUILDS intent is always sent, so an
 * empty intent set means "GUILDS only".
 */
package dev.likesbot.fake.discord;
