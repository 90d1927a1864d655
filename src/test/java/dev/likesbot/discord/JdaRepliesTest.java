package dev.likesbot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.likesbot.testing.LogCapture;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import net.dv8tion.jda.api.interactions.DiscordLocale;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.requests.restaction.interactions.ReplyCallbackAction;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.junit.jupiter.api.Test;

/**
 * The answer's failure while JDA builds it (as JDA threw on the 540-character YouTube URL of a
 * 60-CJK-character title) ends in the generic error, as a failure Discord reports does.
 */
class JdaRepliesTest {
  /** What the interaction was answered with, and whether privately. */
  private final List<MessageCreateData> sent = new ArrayList<>();

  private final List<Boolean> ephemeral = new ArrayList<>();

  @Test
  void anAnswerJdaRefusesToBuildEndsInTheGenericErrorAndALogLineWithTheCause() {
    JdaReplies replies =
        new JdaReplies(interaction(), "a button click", () -> {}, TestPipeline.withoutOwner());
    Reply card = Reply.publicly("a card");

    List<String> log;
    try (LogCapture capture = LogCapture.at(Level.WARN)) {
      replies.update(
          card,
          true,
          data -> {
            throw new IllegalArgumentException("URL may not be longer than 512 characters");
          });
      log = capture.lines();
    }

    assertThat(sent).singleElement();
    assertThat(sent.get(0).getContent()).startsWith("Something went wrong on our side.");
    assertThat(ephemeral).containsExactly(true);
    assertThat(log)
        .singleElement()
        .asString()
        .startsWith("ERROR")
        .contains("Could not build the reply to a button click")
        .contains("URL may not be longer than 512 characters");
  }

  /** A click that was not deferred: it answers with a reply JDA queues and Discord accepts. */
  private IReplyCallback interaction() {
    return proxy(
        IReplyCallback.class,
        (method, args) ->
            switch (method) {
              case "getUserLocale" -> DiscordLocale.ENGLISH_US;
              case "reply" -> {
                sent.add((MessageCreateData) args[0]);
                yield action();
              }
              default -> throw new UnsupportedOperationException(method);
            });
  }

  private ReplyCallbackAction action() {
    return proxy(
        ReplyCallbackAction.class,
        (method, args) -> {
          switch (method) {
            case "setEphemeral" -> ephemeral.add((Boolean) args[0]);
            case "queue" -> {
              @SuppressWarnings("unchecked")
              Consumer<Object> accepted = (Consumer<Object>) args[0];
              accepted.accept(null);
              return null;
            }
            default -> throw new UnsupportedOperationException(method);
          }
          return action();
        });
  }

  private interface Calls {
    Object call(String method, Object[] args);
  }

  private static <T> T proxy(Class<T> type, Calls calls) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (self, method, args) -> calls.call(method.getName(), args)));
  }
}
