package dev.castellan.cli.e2e;

import dev.castellan.cli.Main;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code castellan ARGS} in a JVM of its own (the test's class path), its output in files. */
final class ChildJvm implements AutoCloseable {
  private final Process process;
  private final Path out;
  private final Path err;
  private final String name;

  private ChildJvm(String name, Process process, Path out, Path err) {
    this.name = name;
    this.process = process;
    this.out = out;
    this.err = err;
  }

  /** Starts {@code castellan args}; {@code stdin} (may be null) is written to its standard input, which is then closed. */
  static ChildJvm start(Path dir, String name, String stdin, String... args) throws IOException {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classpath, Main.class.getName()));
    command.addAll(List.of(args));
    Path out = dir.resolve(name + ".out");
    Path err = dir.resolve(name + ".err");
    Process process = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try (var in = process.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    return new ChildJvm(name, process, out, err);
  }

  /** Runs {@code castellan args} to completion (at most 2 minutes); its exit code. */
  static ChildJvm run(Path dir, String name, String stdin, String... args) throws Exception {
    ChildJvm child = start(dir, name, stdin, args);
    if (!child.process.waitFor(2, TimeUnit.MINUTES)) {
      child.close();
      throw new AssertionError(name + " did not finish within 2 minutes: " + child.output());
    }
    return child;
  }

  int exitCode() {
    return process.exitValue();
  }

  /** The first match of {@code regex} in standard output, group 1, waiting up to {@code timeout}. */
  String await(String regex, Duration timeout) throws Exception {
    Pattern pattern = Pattern.compile(regex);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = pattern.matcher(stdout());
      if (m.find()) {
        return m.groupCount() > 0 ? m.group(1) : m.group();
      }
      if (!process.isAlive()) {
        break;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(name + " never printed /" + regex + "/: " + output());
  }

  String stdout() throws IOException {
    return Files.readString(out);
  }

  /** Everything it printed, for assertion messages. */
  String output() throws IOException {
    return "\n--- " + name + " stdout ---\n" + Files.readString(out) + "\n--- " + name + " stderr ---\n" + Files.readString(err);
  }

  /** SIGTERM (its shutdown hooks run), then waits up to 30 s; SIGKILL if it is still there. */
  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
