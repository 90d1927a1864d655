package dev.likesbot.check;

import java.util.Objects;

/**
 * One line of {@code --check}: what was checked, what was found, and for a failure how to fix it.
 * Messages never hold a secret.
 *
 * @param fix empty when the check passed
 */
public record Check(String subject, boolean passed, String finding, String fix) {

  public Check {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(finding, "finding");
    Objects.requireNonNull(fix, "fix");
  }

  public static Check passed(String subject, String finding) {
    return new Check(subject, true, finding, "");
  }

  public static Check failed(String subject, String finding, String fix) {
    return new Check(subject, false, finding, fix);
  }
}
