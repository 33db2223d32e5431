package dev.castellan.server.http;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** {@link StalledFrontMain} in a child JVM, optionally under {@code ulimit -n}; closing stops it. */
final class ChildFront implements AutoCloseable {
  private final Process process;
  final int port;

  private ChildFront(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static ChildFront start(int descriptorLimit, int readTimeoutSeconds) throws Exception {
    String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String limit = descriptorLimit > 0 ? "ulimit -n " + descriptorLimit + " && " : "";
    String command = limit + "exec \"$0\" -cp \"$1\" dev.castellan.server.http.StalledFrontMain " + readTimeoutSeconds;
    Process process = new ProcessBuilder("bash", "-c", command, javaBinary, classpath)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    for (String line; (line = out.readLine()) != null; ) {
      if (line.startsWith("port=")) {
        return new ChildFront(process, Integer.parseInt(line.substring(5)));
      }
    }
    process.destroy();
    throw new IllegalStateException("the front did not start");
  }

  @Override
  public void close() throws Exception {
    process.getOutputStream().close();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
