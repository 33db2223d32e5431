package dev.castellan.keys.broker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link DecisionLog} in memory: durable only for the life of the process, so it detects
 * nothing across restarts. For tests, benchmarks and embedding where another log is kept; the
 * server uses its transparency log.
 */
public final class InMemoryDecisionLog implements DecisionLog {
  private final List<Decision> decisions = new ArrayList<>();
  private final Map<String, Decision> administrative = new HashMap<>();

  @Override
  public synchronized void append(Decision decision) {
    decisions.add(decision);
    if (decision.administrative()) {
      administrative.put(decision.keyId(), decision);
    }
  }

  @Override
  public synchronized Optional<Decision> latestAdministrative(String keyId) {
    return Optional.ofNullable(administrative.get(keyId));
  }

  /** Every decision so far, in order. */
  public synchronized List<Decision> decisions() {
    return List.copyOf(decisions);
  }
}
