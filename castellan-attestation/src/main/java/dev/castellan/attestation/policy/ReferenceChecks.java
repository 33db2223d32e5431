package dev.castellan.attestation.policy;

import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.Check;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.IntFunction;

/**
 * Collects the checks of one platform's reference values. A configured value gives a PASS or
 * FAIL check of its own; the launch measurement gives {@code policy.<platform>.measurement}
 * always (SKIP when not pinned, which the default policy refuses); every other value that is
 * not configured is named in one {@code policy.<platform>.unpinned} SKIP, which the default
 * policy accepts. So a report shows everything that was not compared without a line for each.
 */
final class ReferenceChecks {
  private final String prefix;
  private final List<Check> checks = new ArrayList<>();
  private final List<String> unpinned = new ArrayList<>();

  /** {@code platform} is the check-name segment: {@code nitro}, {@code snp}, {@code tdx}, ... */
  ReferenceChecks(String platform) {
    this.prefix = "policy." + platform + ".";
  }

  /** The launch measurement against its allowed values; SKIP when none are configured. */
  ReferenceChecks measurement(String what, Collection<ByteString> allowed, Optional<ByteString> actual) {
    String name = prefix + "measurement";
    if (allowed.isEmpty()) {
      checks.add(Check.skip(name, what + " not pinned: no reference value configured"));
    } else {
      checks.add(actual.map(v -> compare(name, what, allowed, v))
          .orElse(Check.fail(name, what + " is absent from the evidence")));
    }
    return this;
  }

  /** {@code actual} must be one of {@code allowed}; unpinned when {@code allowed} is empty. */
  ReferenceChecks oneOf(String check, String what, Collection<ByteString> allowed, ByteString actual) {
    if (allowed.isEmpty()) {
      unpinned.add(what);
    } else {
      checks.add(compare(prefix + check, what, allowed, actual));
    }
    return this;
  }

  /** One check per configured register ({@code <check>.<index>}); a register absent from the claims fails. */
  ReferenceChecks registers(String check, String what, SortedMap<Integer, List<ByteString>> allowed,
      IntFunction<Optional<ByteString>> actual) {
    if (allowed.isEmpty()) {
      unpinned.add(what + "s");
    }
    allowed.forEach((index, values) -> {
      String name = prefix + check + "." + index;
      checks.add(actual.apply(index).map(v -> compare(name, what + index, values, v))
          .orElse(Check.fail(name, what + index + " is absent from the evidence")));
    });
    return this;
  }

  /** A rule that is configured: PASS or FAIL with the reason. */
  ReferenceChecks rule(String check, boolean passed, String reason) {
    checks.add(Check.of(prefix + check, passed, reason));
    return this;
  }

  /** Records that {@code what} is not configured, so it is named in the unpinned SKIP. */
  ReferenceChecks unpinned(String what) {
    unpinned.add(what);
    return this;
  }

  /** The checks in order, then the one SKIP naming every unpinned value (if any). */
  List<Check> result() {
    List<Check> out = new ArrayList<>(checks);
    if (!unpinned.isEmpty()) {
      out.add(Check.skip(prefix + "unpinned", "not pinned by the policy: " + String.join(", ", unpinned)));
    }
    return out;
  }

  private static Check compare(String name, String what, Collection<ByteString> allowed, ByteString actual) {
    for (ByteString candidate : allowed) {
      if (candidate.equals(actual)) {
        return Check.pass(name, what + " matches a reference value");
      }
    }
    return Check.fail(name, String.format(Locale.ROOT, "%s %s is not one of %d reference value%s", what,
        actual.hex(), allowed.size(), allowed.size() == 1 ? "" : "s"));
  }
}
