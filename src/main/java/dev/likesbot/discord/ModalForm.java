package dev.likesbot.discord;

import java.util.List;

/**
 * A Discord modal: a small form a click can open as its first response (see {@link
 * ButtonCall#openModal}). Its submit comes back through the {@link InteractionPipeline} to the
 * feature named before the id's first colon, as a button click does. The limits are Discord's, so a
 * form breaking them fails here rather than at Discord.
 *
 * @param id {@code command:rest}, at most 100 characters; whatever the submit needs must be in it
 * @param title at most 45 characters
 * @param fields one to five text inputs
 */
public record ModalForm(String id, String title, List<TextField> fields) {
  static final int MAX_ID = 100;
  static final int MAX_TITLE = 45;
  static final int MAX_FIELDS = 5;

  public ModalForm {
    fields = List.copyOf(fields);
    if (id.length() > MAX_ID || id.indexOf(':') < 1) {
      throw new IllegalArgumentException("modal id must be prefix:rest, at most 100 chars");
    }
    if (title.isBlank() || title.length() > MAX_TITLE) {
      throw new IllegalArgumentException("modal title must be 1 to 45 characters");
    }
    if (fields.isEmpty() || fields.size() > MAX_FIELDS) {
      throw new IllegalArgumentException("a modal holds 1 to 5 inputs");
    }
  }

  /**
   * A required text input the member types or pastes into.
   *
   * @param id names the value in the submit, at most 100 characters
   * @param label shown above the input, at most 45 characters
   * @param placeholder shown while it is empty, at most 100 characters
   * @param maxLength at most 4000
   */
  public record TextField(String id, String label, String placeholder, int maxLength) {
    static final int MAX_LABEL = 45;
    static final int MAX_PLACEHOLDER = 100;
    static final int MAX_VALUE = 4000;

    public TextField {
      if (id.isEmpty() || id.length() > MAX_ID) {
        throw new IllegalArgumentException("input id must be 1 to 100 characters");
      }
      if (label.isBlank() || label.length() > MAX_LABEL) {
        throw new IllegalArgumentException("input label must be 1 to 45 characters");
      }
      if (placeholder.length() > MAX_PLACEHOLDER) {
        throw new IllegalArgumentException("placeholder must be at most 100 characters");
      }
      if (maxLength < 1 || maxLength > MAX_VALUE) {
        throw new IllegalArgumentException("max length must be 1 to 4000");
      }
    }
  }
}
