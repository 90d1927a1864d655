package dev.likesbot.fake.discord;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The limits Discord documents for a modal (interaction callback type 9): title 1–45, custom_id
 * 1–100, 1–5 top-level components, each a Label (type 18: label 1–45, description up to 100, one
 * child) or a Text Display (type 10), or the older action row (type 1) holding one text input with
 * its own label. A text input (type 4): custom_id 1–100 and unique in the modal, style 1 or 2,
 * min_length 0–4000, max_length 1–4000 and not below min_length, value up to 4000, placeholder up
 * to 100; inside a Label it has no label of its own. Problems come back with their field paths, as
 * {@link MessageRules} does, for a 400 with code 50035.
 */
final class ModalRules {
  private static final int MAX_TITLE = 45;
  private static final int MAX_CUSTOM_ID = 100;
  private static final int MAX_COMPONENTS = 5;
  private static final int MAX_LABEL = 45;
  private static final int MAX_DESCRIPTION = 100;
  private static final int MAX_VALUE = 4000;
  private static final int MAX_PLACEHOLDER = 100;
  static final int ACTION_ROW = 1;
  static final int TEXT_INPUT = 4;
  static final int TEXT_DISPLAY = 10;
  static final int LABEL = 18;

  /** Children a Label may hold besides a text input: selects and the file upload. */
  private static final Set<Integer> OTHER_LABEL_CHILDREN = Set.of(3, 5, 6, 7, 8, 19);

  private ModalRules() {}

  static void check(JsonNode data) {
    List<MessageRules.Problem> problems = problems(data);
    if (!problems.isEmpty()) {
      throw DiscordError.invalidFormBody(problems);
    }
  }

  /** Everything Discord would refuse in a modal's {@code data}; empty when it is valid. */
  static List<MessageRules.Problem> problems(JsonNode data) {
    List<MessageRules.Problem> problems = new ArrayList<>();
    required(data.path("custom_id"), MAX_CUSTOM_ID, "data.custom_id", problems);
    required(data.path("title"), MAX_TITLE, "data.title", problems);
    JsonNode components = data.path("components");
    if (!components.isArray() || components.isEmpty()) {
      problems.add(MessageRules.Problem.required("data.components"));
    } else if (components.size() > MAX_COMPONENTS) {
      problems.add(MessageRules.Problem.tooLong("data.components", MAX_COMPONENTS));
    }
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < components.size(); i++) {
      JsonNode component = components.get(i);
      String at = "data.components." + i;
      switch (component.path("type").asInt(-1)) {
        case LABEL -> {
          required(component.path("label"), MAX_LABEL, at + ".label", problems);
          optional(component.path("description"), MAX_DESCRIPTION, at + ".description", problems);
          JsonNode child = component.path("component");
          int type = child.path("type").asInt(-1);
          if (type == TEXT_INPUT) {
            if (child.has("label")) {
              problems.add(
                  new MessageRules.Problem(
                      at + ".component.label",
                      "TEXT_INPUT_LABEL_IN_LABEL",
                      "A text input inside a label cannot have a label"));
            }
            textInput(child, at + ".component", ids, problems);
          } else if (!OTHER_LABEL_CHILDREN.contains(type)) {
            problems.add(unionType(at + ".component"));
          }
        }
        case ACTION_ROW -> {
          JsonNode children = component.path("components");
          if (children.size() != 1 || children.get(0).path("type").asInt(-1) != TEXT_INPUT) {
            problems.add(unionType(at + ".components"));
          } else {
            required(
                children.get(0).path("label"), MAX_LABEL, at + ".components.0.label", problems);
            textInput(children.get(0), at + ".components.0", ids, problems);
          }
        }
        case TEXT_DISPLAY -> required(component.path("content"), 4000, at + ".content", problems);
        default -> problems.add(unionType(at));
      }
    }
    return problems;
  }

  private static void textInput(
      JsonNode input, String at, Set<String> ids, List<MessageRules.Problem> problems) {
    required(input.path("custom_id"), MAX_CUSTOM_ID, at + ".custom_id", problems);
    if (input.hasNonNull("custom_id") && !ids.add(input.get("custom_id").asText())) {
      problems.add(
          new MessageRules.Problem(
              at + ".custom_id",
              "COMPONENT_CUSTOM_ID_DUPLICATED",
              "Component custom id cannot be duplicated"));
    }
    int style = input.path("style").asInt(-1);
    if (style != 1 && style != 2) {
      problems.add(
          new MessageRules.Problem(at + ".style", "BASE_TYPE_CHOICES", "Value must be 1 or 2."));
    }
    int min = input.path("min_length").asInt(0);
    int max = input.path("max_length").asInt(MAX_VALUE);
    if (min < 0 || min > MAX_VALUE) {
      problems.add(range(at + ".min_length", 0));
    }
    if (max < 1 || max > MAX_VALUE) {
      problems.add(range(at + ".max_length", 1));
    }
    if (min > max) {
      problems.add(
          new MessageRules.Problem(
              at + ".min_length",
              "TEXT_INPUT_MIN_GREATER_THAN_MAX",
              "min_length must not exceed max_length"));
    }
    optional(input.path("value"), MAX_VALUE, at + ".value", problems);
    optional(input.path("placeholder"), MAX_PLACEHOLDER, at + ".placeholder", problems);
  }

  private static MessageRules.Problem range(String path, int min) {
    return new MessageRules.Problem(
        path, "NUMBER_TYPE_OUT_OF_RANGE", "Value should be between " + min + " and 4000.");
  }

  private static MessageRules.Problem unionType(String path) {
    return new MessageRules.Problem(
        path, "UNION_TYPE_CHOICES", "Value is not a component type allowed in a modal.");
  }

  private static void required(
      JsonNode value, int max, String path, List<MessageRules.Problem> problems) {
    if (!value.isTextual() || value.asText().isBlank()) {
      problems.add(MessageRules.Problem.required(path));
    } else if (value.asText().length() > max) {
      problems.add(MessageRules.Problem.tooLong(path, max));
    }
  }

  private static void optional(
      JsonNode value, int max, String path, List<MessageRules.Problem> problems) {
    if (value.isTextual() && value.asText().length() > max) {
      problems.add(MessageRules.Problem.tooLong(path, max));
    }
  }
}
