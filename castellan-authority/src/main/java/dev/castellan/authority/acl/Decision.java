package dev.castellan.authority.acl;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** The outcome of {@link AccessPolicy#decide}: a {@link Grant} or a {@link Deny}. */
public sealed interface Decision permits Decision.Grant, Decision.Deny {
  /** Whether the request was granted. */
  boolean granted();

  /**
   * The request is granted: exactly the requested scopes, for {@code lifetime} (the requested
   * lifetime clamped to the smallest maximum of the scopes).
   *
   * @param subject the subject
   * @param scopes the granted scopes, in request order
   * @param lifetime the granted lifetime
   * @param clamped whether the requested lifetime was shortened to the cap
   */
  record Grant(String subject, List<Scope> scopes, Duration lifetime, boolean clamped) implements Decision {
    public Grant {
      Objects.requireNonNull(subject, "subject");
      scopes = List.copyOf(scopes);
      Objects.requireNonNull(lifetime, "lifetime");
    }

    @Override
    public boolean granted() {
      return true;
    }
  }

  /**
   * The request is denied.
   *
   * @param reason the rule that denied it
   * @param detail what exactly, naming the scope and, for evidence, the failed checks; carries
   *     no text from the request that failed its grammar
   */
  record Deny(DenyReason reason, String detail) implements Decision {
    public Deny {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }

    @Override
    public boolean granted() {
      return false;
    }

    /** {@code rule: detail}. */
    public String message() {
      return reason.rule() + ": " + detail;
    }
  }
}
