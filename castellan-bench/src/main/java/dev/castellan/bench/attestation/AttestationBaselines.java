package dev.castellan.bench.attestation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link VerificationBenchmark}, then {@code openssl speed -seconds 3 ecdsap384} in a
 * subprocess if openssl is on the PATH, and prints a Markdown table of operations per
 * second with each one's cost in bare P-384 verifications of the same run (JDK) and of
 * openssl:
 *
 * <pre>java -cp castellan-bench/target/benchmarks.jar dev.castellan.bench.attestation.AttestationBaselines</pre>
 */
public final class AttestationBaselines {
  private static final Pattern OPENSSL_P384 =
      Pattern.compile("384 bits ecdsa \\(nistp384\\)\\s+\\S+s\\s+\\S+s\\s+([0-9.]+)\\s+([0-9.]+)");

  private AttestationBaselines() {}

  public static void main(String[] args) throws Exception {
    ChainedOptionsBuilder options = new OptionsBuilder().include(VerificationBenchmark.class.getName());
    String vectors = System.getProperty("castellan.vectors");
    if (vectors != null) {
      options.jvmArgsAppend("-Dcastellan.vectors=" + vectors);
    }
    Map<String, double[]> scores = new LinkedHashMap<>();
    for (RunResult result : new Runner(options.build()).run()) {
      String name = result.getParams().getBenchmark();
      scores.put(name.substring(name.lastIndexOf('.') + 1),
          new double[] {result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreError()});
    }
    OptionalDouble openssl = opensslVerifyPerSecond();
    double jdk = scores.getOrDefault("p384VerifyJdk", new double[] {Double.NaN})[0];
    // Cost in bare verifications: how many P-384 verifies one operation takes the time of.
    StringBuilder table = new StringBuilder(
        "| benchmark | ops/s | ± (99.9%) | µs/op | cost in JDK P-384 verifies | cost in openssl P-384 verifies |\n");
    table.append("|---|---:|---:|---:|---:|---:|\n");
    scores.forEach((name, s) -> table.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %,.0f | %.2f | %s |%n",
        name, s[0], s[1], 1e6 / s[0], jdk / s[0],
        openssl.isPresent() ? String.format(Locale.ROOT, "%.2f", openssl.getAsDouble() / s[0]) : "n/a")));
    if (openssl.isPresent()) {
      table.append(String.format(Locale.ROOT, "| openssl speed -seconds 3 ecdsap384 (verify) | %,.0f | | %,.0f | %.2f | 1.00 |%n",
          openssl.getAsDouble(), 1e6 / openssl.getAsDouble(), jdk / openssl.getAsDouble()));
    }
    System.out.println();
    System.out.print(table);
  }

  /** {@code openssl speed -seconds 3 ecdsap384}'s verify/s, if openssl runs here. */
  static OptionalDouble opensslVerifyPerSecond() {
    try {
      Process process = new ProcessBuilder("openssl", "speed", "-seconds", "3", "ecdsap384")
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String output;
      try (InputStream in = process.getInputStream()) {
        output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroy();
        return OptionalDouble.empty();
      }
      return parse(output).map(OptionalDouble::of).orElse(OptionalDouble.empty());
    } catch (IOException e) {
      return OptionalDouble.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalDouble.empty();
    }
  }

  /** The verify/s column of openssl speed's {@code nistp384} line. */
  static Optional<Double> parse(String output) {
    Matcher m = OPENSSL_P384.matcher(output);
    return m.find() ? Optional.of(Double.parseDouble(m.group(2))) : Optional.empty();
  }
}
