package dev.castellan.runtime.init;

import java.util.List;

/** Units whose ordering loops: {@code dependency cycle: a -> b -> a}. */
public final class DependencyCycleException extends InitException {
  private static final long serialVersionUID = 1L;

  private final List<String> cycle;

  /** The cycle, its first unit repeated at the end. */
  public DependencyCycleException(List<String> cycle) {
    super("dependency cycle: " + String.join(" -> ", cycle));
    this.cycle = List.copyOf(cycle);
  }

  /** The units in the loop, first repeated last. */
  public List<String> cycle() {
    return cycle;
  }
}
