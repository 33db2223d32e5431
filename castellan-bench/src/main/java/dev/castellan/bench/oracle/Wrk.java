package dev.castellan.bench.oracle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs {@code wrk} (Debian package {@code wrk}) and reads its throughput and latency percentiles. */
record Wrk(double requestsPerSecond, double p50Millis, double p99Millis, long errors) {
  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
  private static final Pattern ERRORS = Pattern.compile("Non-2xx or 3xx responses: (\\d+)|Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

  static Wrk run(String url, int connections, int threads, Duration duration) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(List.of("wrk", "-t" + threads, "-c" + connections,
        "-d" + duration.toSeconds() + "s", "--latency", url)).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IOException("wrk failed:\n" + output);
    }
    return parse(output);
  }

  static Wrk parse(String output) throws IOException {
    Matcher rate = RATE.matcher(output);
    if (!rate.find()) {
      throw new IOException("no Requests/sec in wrk output:\n" + output);
    }
    double p50 = Double.NaN;
    double p99 = Double.NaN;
    Matcher percentile = PERCENTILE.matcher(output);
    while (percentile.find()) {
      double millis = switch (percentile.group(3)) {
        case "us" -> Double.parseDouble(percentile.group(2)) / 1000;
        case "ms" -> Double.parseDouble(percentile.group(2));
        default -> Double.parseDouble(percentile.group(2)) * 1000;
      };
      if (percentile.group(1).equals("50")) {
        p50 = millis;
      } else {
        p99 = millis;
      }
    }
    long errors = 0;
    Matcher error = ERRORS.matcher(output);
    while (error.find()) {
      for (int g = 1; g <= error.groupCount(); g++) {
        if (error.group(g) != null) {
          errors += Long.parseLong(error.group(g));
        }
      }
    }
    return new Wrk(Double.parseDouble(rate.group(1)), p50, p99, errors);
  }

  String row(String name) {
    return String.format(Locale.ROOT, "| %s | %,.0f | %.2f | %.2f | %d |", name, requestsPerSecond, p50Millis, p99Millis, errors);
  }
}
