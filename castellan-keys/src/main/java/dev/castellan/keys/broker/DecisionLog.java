package dev.castellan.keys.broker;

import java.io.IOException;
import java.util.Optional;

/**
 * Where the broker's decisions go, and the ledger it checks key states against at load: the
 * server implements it with its transparency log (one signed record per decision), so that
 * what the broker released, to which evidence, and every change to a key's policy and lock,
 * is public and tamper-evident. Kept this small so the broker core does not depend on the log.
 *
 * <p>Contract: {@link #append} MUST return only once the decision is durable; the broker
 * answers (releases a key, confirms a lock) only after it returns. {@link #latestAdministrative}
 * MUST reflect every decision appended before, across restarts.
 */
public interface DecisionLog {
  void append(Decision decision) throws IOException;

  /** The latest accepted administrative decision for {@code keyId} ({@link Decision#administrative()}). */
  Optional<Decision> latestAdministrative(String keyId) throws IOException;
}
