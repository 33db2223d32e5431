package dev.castellan.runtime.init;

import dev.castellan.runtime.init.internal.Children;
import dev.castellan.runtime.init.internal.OrphanReaper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The service manager: loads the units, starts the enabled ones in dependency order, stops
 * them in reverse, and answers the control commands. As PID 1 it also reaps orphans.
 *
 * <p>Contract: {@link #load} refuses bad units and cycles before anything runs; a unit starts
 * only after everything it is ordered after or requires has been started (its process
 * forked: there is no readiness protocol in the seed); {@link #shutdown} stops every service
 * in reverse start order, each getting {@link InitOptions#grace()} after SIGTERM before
 * SIGKILL, and MUST be called once (it is idempotent).
 */
public final class ServiceManager implements AutoCloseable {
  /** The most lines ServiceLogs returns. */
  public static final int MAXIMUM_LOG_LINES = 10_000;
  /** The most ProcessStart processes alive at once. */
  public static final int MAXIMUM_PROCESSES = 256;

  private final InitOptions options;
  private final Children children = new Children();
  private final Instant started;
  private final Optional<OrphanReaper> reaper;
  private final Map<Long, Adhoc> processes = new ConcurrentHashMap<>();
  private final AtomicInteger processNumber = new AtomicInteger();
  private final AtomicBoolean shutDown = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private DependencyGraph graph;
  private Map<String, Service> services;

  private record Adhoc(Process process, List<String> command) {}

  private ServiceManager(InitOptions options, DependencyGraph graph, Map<String, Service> services, boolean reap) {
    this.options = options;
    this.graph = graph;
    this.services = services;
    this.started = options.clock().instant();
    this.reaper = reap ? Optional.of(OrphanReaper.start(children)) : Optional.empty();
  }

  /** Loads and checks the units; starts nothing yet. Reaps orphans if this process is PID 1. */
  public static ServiceManager load(InitOptions options) throws InitException {
    return load(options, isPid1());
  }

  /** As {@link #load(InitOptions)}, reaping orphans if {@code reapOrphans}. */
  public static ServiceManager load(InitOptions options, boolean reapOrphans) throws InitException {
    DependencyGraph graph = DependencyGraph.of(UnitFiles.load(options.units()).values());
    try {
      Files.createDirectories(options.logs());
    } catch (IOException e) {
      throw new InitException("cannot create the log directory " + options.logs() + ": " + e.getMessage(), e);
    }
    ServiceManager manager = new ServiceManager(options, graph, new TreeMap<>(), reapOrphans);
    manager.services = manager.create(graph, Map.of());
    return manager;
  }

  /** Whether this JVM is PID 1 of its PID namespace. */
  public static boolean isPid1() {
    return ProcessHandle.current().pid() == 1;
  }

  private Map<String, Service> create(DependencyGraph next, Map<String, Service> keep) throws InitException {
    Map<String, Service> created = new TreeMap<>();
    for (Unit unit : next.units().values()) {
      Service existing = keep.get(unit.name());
      if (existing != null && existing.unit().equals(unit)) {
        created.put(unit.name(), existing);
        continue;
      }
      try {
        created.put(unit.name(), new Service(unit, options, children));
      } catch (IOException e) {
        throw new InitException("cannot open the log of " + unit.name() + ": " + e.getMessage(), e);
      }
    }
    return created;
  }

  /** Starts every enabled service, in dependency order. */
  public synchronized void startAll() {
    for (String name : graph.startOrder()) {
      Service service = services.get(name);
      if (service.enabled()) {
        service.start();
      }
    }
  }

  /** Starts {@code name}, after starting what it requires (and their requirements) first. */
  public synchronized void start(String name) throws InitException {
    Service target = service(name);
    Set<String> needed = closure(target.unit().name(), graph::requirements);
    for (String unit : graph.startOrder()) {
      if (needed.contains(unit)) {
        services.get(unit).start();
      }
    }
  }

  /** {@code name} and everything reachable from it through {@code next}. */
  private static Set<String> closure(String name, Function<String, Collection<String>> next) {
    Set<String> into = new LinkedHashSet<>();
    Deque<String> pending = new ArrayDeque<>(List.of(name));
    while (!pending.isEmpty()) {
      String current = pending.pop();
      if (into.add(current)) {
        pending.addAll(next.apply(current));
      }
    }
    return into;
  }

  /** Stops {@code name}, after stopping the running services that require it. */
  public synchronized void stop(String name) throws InitException {
    Service target = service(name);
    Set<String> dependents = closure(target.unit().name(), graph::requiredBy);
    for (String unit : graph.stopOrder()) {
      if (dependents.contains(unit)) {
        services.get(unit).stop(options.grace());
      }
    }
  }

  /** Stops then starts {@code name} (and what it requires, if not running). */
  public synchronized void restart(String name) throws InitException {
    service(name).stop(options.grace());
    start(name);
  }

  /** Marks {@code name} to start with the manager (until a reload re-reads its file). */
  public void enable(String name) throws InitException {
    service(name).setEnabled(true);
  }

  /** Marks {@code name} not to start with the manager; a running process keeps running. */
  public void disable(String name) throws InitException {
    service(name).setEnabled(false);
  }

  /** Every service's status, by name. */
  public synchronized List<ServiceStatus> list() {
    return services.values().stream().map(Service::status).toList();
  }

  /** One service's status. */
  public synchronized ServiceStatus status(String name) throws InitException {
    return service(name).status();
  }

  /** The last {@code lines} lines of {@code name}'s current log file. */
  public List<String> logs(String name, int lines) throws InitException {
    if (lines < 0 || lines > MAXIMUM_LOG_LINES) {
      throw new InitException("lines is 0 to " + MAXIMUM_LOG_LINES);
    }
    Service service;
    synchronized (this) {
      service = service(name);
    }
    try {
      return service.logs(lines);
    } catch (IOException e) {
      throw new InitException("cannot read the log of " + service.unit().name() + ": " + e.getMessage(), e);
    }
  }

  private Service service(String name) throws InitException {
    Service service = services.get(Unit.normalise(name));
    if (service == null) {
      throw new InitException("no service named " + name);
    }
    return service;
  }

  /**
   * Runs {@code command args} with {@code env} added to the manager's environment, its output
   * to {@code process-N.log} in the log directory (not rotated); its pid.
   */
  public long processStart(String command, List<String> args, Map<String, String> env) throws InitException {
    processes.values().removeIf(p -> !p.process().isAlive());
    if (processes.size() >= MAXIMUM_PROCESSES) {
      throw new InitException("already " + MAXIMUM_PROCESSES + " processes running");
    }
    List<String> argv = new ArrayList<>();
    argv.add(command);
    argv.addAll(args);
    Path output = options.logs().resolve("process-" + processNumber.incrementAndGet() + ".log");
    ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
    builder.environment().putAll(env);
    try {
      Process process = children.start(builder);
      processes.put(process.pid(), new Adhoc(process, argv));
      return process.pid();
    } catch (IOException e) {
      throw new InitException("cannot start " + command + ": " + e.getMessage(), e);
    }
  }

  /** Stops a ProcessStart process: SIGTERM, SIGKILL after the grace period. */
  public void processStop(long pid) throws InitException {
    Adhoc adhoc = processes.get(pid);
    if (adhoc == null) {
      throw new InitException(String.format(Locale.ROOT, "pid %d is not a process started with ProcessStart", pid));
    }
    adhoc.process().destroy();
    try {
      if (!adhoc.process().waitFor(options.grace().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        adhoc.process().destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    processes.remove(pid);
  }

  /** Services' running processes, then ProcessStart ones. */
  public synchronized List<ManagedProcess> processes() {
    List<ManagedProcess> out = new ArrayList<>();
    for (Service service : services.values()) {
      service.pid().ifPresent(pid -> out.add(new ManagedProcess(pid, service.unit().execStart(),
          Optional.of(service.unit().name()), true)));
    }
    for (var entry : new TreeMap<>(processes).entrySet()) {
      out.add(new ManagedProcess(entry.getKey(), entry.getValue().command(), Optional.empty(),
          entry.getValue().process().isAlive()));
    }
    return out;
  }

  /** The manager as a whole. */
  public synchronized SystemStatus systemStatus() {
    List<ServiceStatus> all = list();
    int running = (int) all.stream().filter(s -> s.state() == ServiceState.RUNNING).count();
    int failed = (int) all.stream().filter(s -> s.state() == ServiceState.FAILED).count();
    int alive = (int) processes.values().stream().filter(p -> p.process().isAlive()).count();
    return new SystemStatus(ProcessHandle.current().pid(), isPid1(),
        Duration.between(started, options.clock().instant()), all.size(), running, failed, alive,
        reaper.map(OrphanReaper::reaped).orElse(0L));
  }

  /**
   * Re-reads the units directory. A bad unit or a cycle leaves everything as it was. Units
   * removed or changed are stopped (a changed one starts again with its new file if
   * enabled); new enabled units are started; unchanged ones are left alone.
   */
  public synchronized void reload() throws InitException {
    DependencyGraph next = DependencyGraph.of(UnitFiles.load(options.units()).values());
    Map<String, Service> replacement = create(next, services);
    for (String name : graph.stopOrder()) {
      Service old = services.get(name);
      if (replacement.get(name) != old) {
        old.stop(options.grace());
        old.closeLog();
      }
    }
    Map<String, Service> previous = services;
    graph = next;
    services = replacement;
    for (String name : graph.startOrder()) {
      Service service = services.get(name);
      if (previous.get(name) != service && service.enabled()) {
        service.start();
      }
    }
  }

  /** Stops every service in reverse start order and every ProcessStart process; idempotent. */
  public void shutdown() {
    if (!shutDown.compareAndSet(false, true)) {
      return;
    }
    synchronized (this) {
      for (String name : graph.stopOrder()) {
        services.get(name).stop(options.grace());
      }
      for (long pid : new ArrayList<>(processes.keySet())) {
        try {
          processStop(pid);
        } catch (InitException gone) {
          // already stopped
        }
      }
      services.values().forEach(Service::closeLog);
    }
    reaper.ifPresent(OrphanReaper::close);
    stopped.countDown();
  }

  /** Whether {@link #shutdown} has begun. */
  public boolean shuttingDown() {
    return shutDown.get();
  }

  /** Blocks until {@link #shutdown} has finished. */
  public void awaitShutdown() throws InterruptedException {
    stopped.await();
  }

  @Override
  public void close() {
    shutdown();
  }
}
