package dev.likesbot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likesbot.fake.discord.MessageRules;
import dev.likesbot.testing.OutsideText;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Whatever a reply holds, what JDA would send passes Discord's limits (the fake's rules). */
class MessageLimitsProperties {
  private static final Pattern GRAPHEME = Pattern.compile("\\X");
  private static final Pattern LONE_SURROGATE =
      Pattern.compile(
          "[\\x{D800}-\\x{DBFF}](?![\\x{DC00}-\\x{DFFF}])|(?<![\\x{D800}-\\x{DBFF}])[\\x{DC00}-\\x{DFFF}]");
  private static final String PREFIX = "https://www.youtube.com/results?search_query=";

  @Property(tries = 300)
  void shortenedTextFitsEndsInAnEllipsisAndKeepsWholeGraphemes(
      @ForAll("text") String text, @ForAll @IntRange(min = 1, max = 300) int max) {
    String shortened = MessageLimits.shorten(text, max);

    assertThat(shortened.length()).isLessThanOrEqualTo(max);
    if (text.length() <= max) {
      assertThat(shortened).isEqualTo(text);
    } else {
      assertThat(shortened).endsWith("…");
      String kept = shortened.substring(0, shortened.length() - 1);
      assertThat(text).startsWith(kept);
      assertThat(graphemeBoundaries(text)).contains(kept.length());
      assertThat(LONE_SURROGATE.matcher(shortened).find()).isFalse();
    }
  }

  @Property(tries = 300)
  void searchUrlsFitALinkButtonAfterEncodingAndCutTheQueryAtAGrapheme(
      @ForAll("text") String query) {
    String url = MessageLimits.searchUrl(PREFIX, query);

    assertThat(url).startsWith(PREFIX).hasSizeLessThanOrEqualTo(512);
    String searched = URLDecoder.decode(url.substring(PREFIX.length()), StandardCharsets.UTF_8);
    String whole = query.strip();
    assertThat(whole).startsWith(searched);
    assertThat(graphemeBoundaries(whole)).contains(searched.length());
  }

  @Property(tries = 300)
  void anyReplyIsSentWithinDiscordsLimits(@ForAll("replies") Reply reply) {
    assertThat(MessageRules.problems(DiscordJson.create(reply))).isEmpty();
    assertThat(MessageRules.problems(DiscordJson.edit(reply))).isEmpty();
  }

  @Example
  void aFieldOfNoBreakSpacesIsSentAsOneDiscordKeeps() {
    Reply reply =
        Reply.publicly("")
            .withEmbed(
                new Reply.Embed("\u00a0", Optional.empty(), "by someone", Optional.empty())
                    .withField("\u202f", "\u00a0\u00a0", true));

    assertThat(MessageRules.problems(DiscordJson.create(reply))).isEmpty();
    assertThat(MessageRules.problems(DiscordJson.edit(reply))).isEmpty();
  }

  /** A letter under 1,000 accents is one cluster longer than any limit: it goes whole. */
  @Example
  void aClusterLongerThanTheLimitIsLeftOutWhole() {
    String cluster = "a" + "\u0301".repeat(1000);

    assertThat(MessageLimits.shorten(cluster + "b", MessageLimits.TITLE)).isEqualTo("…");
    assertThat(MessageLimits.searchUrl(PREFIX, "b " + cluster)).isEqualTo(PREFIX + "b");
    Reply card =
        Reply.publicly("")
            .withEmbed(
                new Reply.Embed(cluster, Optional.empty(), cluster, Optional.empty())
                    .withField(cluster, cluster, true)
                    .withAuthor(new Reply.Embed.Author(cluster, Optional.empty())))
            .withButton(new Reply.LinkButton(cluster, MessageLimits.searchUrl(PREFIX, cluster)));
    assertThat(MessageRules.problems(DiscordJson.create(card))).isEmpty();
  }

  @Provide
  Arbitrary<String> text() {
    return OutsideText.upTo(1000);
  }

  @Provide
  Arbitrary<Reply> replies() {
    Arbitrary<String> any = OutsideText.upTo(1500);
    Arbitrary<Optional<String>> url =
        Arbitraries.oneOf(
                any, OutsideText.upTo(700).map(t -> "https://example.com/" + t.replace(' ', '+')))
            .optional(0.7);
    Arbitrary<Reply.Embed.Field> field =
        Combinators.combine(any, any, Arbitraries.of(true, false)).as(Reply.Embed.Field::new);
    Arbitrary<Reply.Embed> embed =
        Combinators.combine(
                any,
                url,
                OutsideText.upTo(6000),
                url,
                field.list().ofMaxSize(30),
                any.optional(0.6))
            .as(Reply.Embed::new);
    Arbitrary<Reply.Button> link =
        Combinators.combine(OutsideText.upTo(120), url)
            .as((label, u) -> new Reply.LinkButton(label, u.orElse("")));
    Arbitrary<Reply.Button> action =
        Combinators.combine(OutsideText.upTo(120), Arbitraries.integers().between(0, 9999))
            .as((label, id) -> new Reply.ActionButton(label, "test:" + id));
    return Combinators.combine(
            OutsideText.upTo(3000),
            embed.optional(0.8),
            Arbitraries.oneOf(link, action).list().ofMaxSize(7).uniqueElements(b -> id(b)),
            Arbitraries.of(true, false))
        .as(Reply::new)
        // A reply with nothing to show is a bug of ours, not something outside data can cause.
        .filter(r -> !MessageLimits.isBlank(r.content()));
  }

  private static Object id(Reply.Button button) {
    return button instanceof Reply.ActionButton a ? a.id() : button;
  }

  private static Set<Integer> graphemeBoundaries(String text) {
    Set<Integer> ends = new HashSet<>(List.of(0));
    Matcher m = GRAPHEME.matcher(text);
    while (m.find()) {
      ends.add(m.end());
    }
    return ends;
  }
}
