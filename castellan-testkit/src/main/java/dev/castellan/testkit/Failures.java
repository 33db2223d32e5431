package dev.castellan.testkit;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assertions;

/**
 * Collects every failing vector of a set so one run shows them all (Tink's Wycheproof
 * style), then fails once with the whole list.
 */
public final class Failures {
  private final List<String> failures = new ArrayList<>();
  private int checked;

  /** Runs one vector's check; any throwable is recorded under {@code name}. */
  public void check(String name, ThrowingRunnable check) {
    checked++;
    try {
      check.run();
    } catch (Throwable t) {
      failures.add(name + ": " + t);
    }
  }

  public void fail(String name, String reason) {
    failures.add(name + ": " + reason);
  }

  public int checked() {
    return checked;
  }

  /** Fails when any vector failed, or when fewer than {@code minimum} were checked. */
  public void assertNone(int minimum) {
    Assertions.assertTrue(
        checked >= minimum, "expected at least " + minimum + " vectors, checked " + checked);
    Assertions.assertTrue(
        failures.isEmpty(),
        failures.size() + " of " + checked + " vectors failed:\n  " + String.join("\n  ", failures));
  }

  @FunctionalInterface
  public interface ThrowingRunnable {
    void run() throws Throwable;
  }
}
