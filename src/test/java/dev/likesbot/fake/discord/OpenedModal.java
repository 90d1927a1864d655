package dev.likesbot.fake.discord;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A modal the bot opened in answer to an interaction, as the member's Discord client shows it.
 *
 * @param customId the modal's custom_id, which its submit carries back
 * @param title the title
 * @param inputs its text inputs, in order
 * @param raw the callback's {@code data} as the bot sent it
 */
public record OpenedModal(String customId, String title, List<Input> inputs, JsonNode raw) {
  public OpenedModal {
    inputs = List.copyOf(inputs);
  }

  /**
   * One text input and the label shown above it (the Label's, or in the older shape the input's
   * own).
   */
  public record Input(
      String customId,
      String label,
      int style,
      boolean required,
      int minLength,
      int maxLength,
      String placeholder) {}

  /** The input with this custom_id; IllegalArgumentException when there is none. */
  public Input input(String customId) {
    return inputs.stream()
        .filter(i -> i.customId().equals(customId))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no input " + customId + " in modal " + this.customId));
  }
}
