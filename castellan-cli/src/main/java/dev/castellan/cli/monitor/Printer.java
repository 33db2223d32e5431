package dev.castellan.cli.monitor;

import dev.castellan.runtime.monitor.Change;
import dev.castellan.runtime.monitor.MonitorListener;
import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/** One line per recorded change on standard output, warnings on standard error. */
final class Printer implements MonitorListener {
  private final PrintWriter out;
  private final PrintWriter err;

  Printer(CommandSpec spec) {
    this.out = spec.commandLine().getOut();
    this.err = spec.commandLine().getErr();
  }

  @Override
  public void recorded(Change change) {
    out.println(change.time() + "  " + change.summary()
        + change.newHash().map(h -> "  sha3-512 " + h).orElse(""));
    out.flush();
  }

  @Override
  public void skipped(String path, IOException reason) {
    err.println("castellan monitor: " + path + ": not hashed (" + reason.getClass().getSimpleName() + "): not tracked until it changes");
    err.flush();
  }

  @Override
  public void rescanning() {
    err.println("castellan monitor: the kernel dropped events: rescanning the tree");
    err.flush();
  }
}
