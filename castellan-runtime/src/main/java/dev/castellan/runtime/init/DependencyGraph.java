package dev.castellan.runtime.init;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The start order of a set of units. {@code After = [x]}, {@code Requires = [x]} and, on x,
 * {@code Before = [this]} or {@code RequiredBy = [this]} each put x before this unit (a
 * requirement is also an ordering, so that what a service needs is up before it starts).
 * Every name must be a loaded unit; a loop is refused naming it. Ties break by name, so the
 * order is the same on every run.
 */
public final class DependencyGraph {
  private final Map<String, Unit> units;
  private final Map<String, Set<String>> predecessors;
  private final Map<String, Set<String>> requirements;
  private final List<String> order;

  private DependencyGraph(Map<String, Unit> units, Map<String, Set<String>> predecessors,
      Map<String, Set<String>> requirements, List<String> order) {
    this.units = units;
    this.predecessors = predecessors;
    this.requirements = requirements;
    this.order = order;
  }

  /** The graph of {@code units}; throws on an unknown name (with its file and line) or a cycle. */
  public static DependencyGraph of(Collection<Unit> units) throws InitException {
    Map<String, Unit> byName = new TreeMap<>();
    for (Unit unit : units) {
      byName.put(unit.name(), unit);
    }
    Map<String, Set<String>> predecessors = new TreeMap<>();
    Map<String, Set<String>> requirements = new TreeMap<>();
    for (String name : byName.keySet()) {
      predecessors.put(name, new TreeSet<>());
      requirements.put(name, new TreeSet<>());
    }
    for (Unit unit : byName.values()) {
      for (String other : known(byName, unit, "After", unit.after())) {
        predecessors.get(unit.name()).add(other);
      }
      for (String other : known(byName, unit, "Requires", unit.requires())) {
        predecessors.get(unit.name()).add(other);
        requirements.get(unit.name()).add(other);
      }
      for (String other : known(byName, unit, "Before", unit.before())) {
        predecessors.get(other).add(unit.name());
      }
      for (String other : known(byName, unit, "RequiredBy", unit.requiredBy())) {
        predecessors.get(other).add(unit.name());
        requirements.get(other).add(unit.name());
      }
    }
    for (String name : byName.keySet()) {
      if (predecessors.get(name).contains(name)) {
        throw new DependencyCycleException(List.of(name, name));
      }
    }
    return new DependencyGraph(byName, predecessors, requirements, sort(predecessors));
  }

  private static List<String> known(Map<String, Unit> units, Unit unit, String key, List<String> names)
      throws UnitFileException {
    for (String name : names) {
      if (!units.containsKey(name)) {
        throw new UnitFileException(unit.file(), unit.line(key), key + " names unknown unit " + name);
      }
    }
    return names;
  }

  /** Depth-first topological sort; a back edge is a cycle, reported from where it closes. */
  private static List<String> sort(Map<String, Set<String>> predecessors) throws DependencyCycleException {
    List<String> order = new ArrayList<>();
    Set<String> done = new HashSet<>();
    List<String> path = new ArrayList<>();
    for (String name : predecessors.keySet()) {
      visit(name, predecessors, done, path, order);
    }
    return List.copyOf(order);
  }

  private static void visit(String name, Map<String, Set<String>> predecessors, Set<String> done,
      List<String> path, List<String> order) throws DependencyCycleException {
    if (done.contains(name)) {
      return;
    }
    int onPath = path.indexOf(name);
    if (onPath >= 0) {
      // path runs from a unit to what it waits for; the cycle read forwards is "waits for" reversed
      List<String> cycle = new ArrayList<>(path.subList(onPath, path.size()));
      cycle.add(name);
      throw new DependencyCycleException(cycle.reversed());
    }
    path.add(name);
    for (String before : predecessors.get(name)) {
      visit(before, predecessors, done, path, order);
    }
    path.removeLast();
    done.add(name);
    order.add(name);
  }

  /** Every unit, each after all it is ordered after. */
  public List<String> startOrder() {
    return order;
  }

  /** The reverse of {@link #startOrder()}: dependents stop before what they depend on. */
  public List<String> stopOrder() {
    return order.reversed();
  }

  /** The units {@code name} requires, directly. */
  public Set<String> requirements(String name) {
    return requirements.getOrDefault(name, Set.of());
  }

  /** The units ordered directly before {@code name}. */
  public Set<String> predecessors(String name) {
    return predecessors.getOrDefault(name, Set.of());
  }

  /** The loaded units by name. */
  public Map<String, Unit> units() {
    return units;
  }

  /** Units that require {@code name}, directly. */
  public List<String> requiredBy(String name) {
    List<String> out = new ArrayList<>();
    for (var entry : requirements.entrySet()) {
      if (entry.getValue().contains(name)) {
        out.add(entry.getKey());
      }
    }
    return out;
  }

}
