package dev.castellan.runtime.init;

import java.util.Locale;
import java.util.Optional;

/** The seed's {@code Restart} values: whether a service that exited is started again. */
public enum RestartPolicy {
  NO("no"),
  ALWAYS("always"),
  ON_FAILURE("on-failure"),
  ON_SUCCESS("on-success");

  private final String value;

  RestartPolicy(String value) {
    this.value = value;
  }

  /** The value as unit files spell it ({@code on-failure}). */
  public String value() {
    return value;
  }

  /** The policy a unit file spells {@code value}, if any. */
  public static Optional<RestartPolicy> parse(String value) {
    for (RestartPolicy policy : values()) {
      if (policy.value.equals(value)) {
        return Optional.of(policy);
      }
    }
    return Optional.empty();
  }

  /** Whether a process that exited with {@code exitCode} (0 is success) is restarted. */
  public boolean restarts(int exitCode) {
    return switch (this) {
      case NO -> false;
      case ALWAYS -> true;
      case ON_FAILURE -> exitCode != 0;
      case ON_SUCCESS -> exitCode == 0;
    };
  }

  @Override
  public String toString() {
    return value.toLowerCase(Locale.ROOT);
  }
}
