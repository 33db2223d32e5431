package dev.castellan.bench.oracle;

import dev.castellan.attestation.simulator.SimulatedNitroDevice;
import dev.castellan.attestation.simulator.SimulatedNitroTee;
import dev.castellan.attestation.simulator.SimulatorHome;
import dev.castellan.server.ServerConfig;
import dev.castellan.server.ServerMetrics;
import dev.castellan.server.http.HttpService;
import dev.castellan.server.http.Response;
import dev.castellan.server.http.ResponseSigner;
import dev.castellan.server.http.Route;
import dev.castellan.server.http.Router;
import dev.castellan.server.oracle.ApplicationMeasurement;
import dev.castellan.server.oracle.Oracle;
import dev.castellan.server.oracle.OracleInfo;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Load benchmark of the signing oracle (issue 4): signed responses per second at 64
 * connections with p50/p99 latency, measured by {@code wrk} over loopback, against two
 * baselines from the same run: the single-core BIP-340 signing rate of libsecp256k1 (a small
 * C harness linked against Debian's {@code libsecp256k1-dev}) and the same endpoint served
 * unsigned by the same HTTP stack (the Helidon front of docs/design/oracle.md).
 *
 * <pre>
 * apt-get install -y wrk libsecp256k1-dev gcc
 * ./mvnw -B -q -ntp -pl castellan-bench -am package -DskipTests
 * java --enable-native-access=ALL-UNNAMED -cp castellan-bench/target/benchmarks.jar \
 *     dev.castellan.bench.oracle.OracleLoadBenchmark [seconds] [connections]
 * </pre>
 */
public final class OracleLoadBenchmark {
  private OracleLoadBenchmark() {}

  public static void main(String[] args) throws Exception {
    Duration duration = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 10);
    int connections = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    Path data = Files.createTempDirectory("castellan-load");
    Path image = Files.writeString(data.resolve("image"), "load benchmark image");
    SecureRandom random = new SecureRandom();
    OracleInfo info = new OracleInfo("bench", Optional.empty(), Optional.empty());
    SimulatedNitroDevice device = SimulatedNitroDevice.boot(
        SimulatorHome.open(data, Clock.systemUTC(), random), ApplicationMeasurement.of(List.of(image), info),
        Clock.systemUTC(), random);
    ServerConfig config = ServerConfig.defaults().withDataDirectory(data).withPort(0).withTls(false);
    try (Oracle oracle = Oracle.boot(config, new SimulatedNitroTee(device), info, Clock.systemUTC(), random)) {
      byte[] body = fetch(oracle.baseUrl() + "/v1/info");
      // The same handler (the oracle serves this fixed body), router and metrics; only the signer differs.
      ServerMetrics metrics = new ServerMetrics();
      try (HttpService unsigned = HttpService.start("127.0.0.1", 0, null, new Router(
          List.of(Route.get("/v1/info", r -> Response.json(200, body))), ResponseSigner.NONE, metrics::request))) {
        // Warm both servers up (JIT, connection pools) before measuring.
        Wrk.run(oracle.baseUrl() + "/v1/info", connections, 2, Duration.ofSeconds(3));
        Wrk.run(unsigned.baseUrl() + "/v1/info", connections, 2, Duration.ofSeconds(3));
        Wrk signed = Wrk.run(oracle.baseUrl() + "/v1/info", connections, 2, duration);
        Wrk plain = Wrk.run(unsigned.baseUrl() + "/v1/info", connections, 2, duration);
        double libsecp = libsecp256k1Rate(data, duration);
        report(duration, connections, signed, plain, libsecp);
      }
    }
  }

  private static byte[] fetch(String url) throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
  }

  /** Compiles and runs the C harness; the single-core BIP-340 signing rate of libsecp256k1. */
  private static double libsecp256k1Rate(Path work, Duration duration) throws IOException, InterruptedException {
    Path source = work.resolve("bip340_sign_rate.c");
    try (InputStream in = OracleLoadBenchmark.class.getResourceAsStream("/bip340_sign_rate.c")) {
      Files.write(source, in.readAllBytes());
    }
    Path binary = work.resolve("bip340_sign_rate");
    run(List.of("gcc", "-O2", "-o", binary.toString(), source.toString(), "-lsecp256k1"));
    String[] fields = run(List.of(binary.toString(), Long.toString(duration.toSeconds()))).trim().split("\\s+");
    return Double.parseDouble(fields[2]);
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " failed:\n" + output);
    }
    return output;
  }

  private static void report(Duration duration, int connections, Wrk signed, Wrk plain, double libsecp) throws IOException {
    String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
        .filter(l -> l.startsWith("model name")).findFirst().map(l -> l.replaceFirst(".*:\\s*", "")).orElse("unknown");
    String load = Files.readString(Path.of("/proc/loadavg")).trim();
    System.out.printf(Locale.ROOT, "Oracle load benchmark, %s%n", Instant.now());
    System.out.printf(Locale.ROOT, "machine: %d cores, %s; load average before the run: %s%n",
        Runtime.getRuntime().availableProcessors(), cpu, load);
    System.out.printf(Locale.ROOT, "wrk -t2 -c%d -d%ds --latency GET /v1/info over HTTP on loopback%n%n", connections, duration.toSeconds());
    System.out.println("| endpoint | requests/s | p50 ms | p99 ms | errors |");
    System.out.println("|---|---:|---:|---:|---:|");
    System.out.println(signed.row("oracle, signed (RFC 9421 message signature + seed X-Attestation-Signature)"));
    System.out.println(plain.row("same body, unsigned (baseline)"));
    System.out.printf(Locale.ROOT, "| libsecp256k1 BIP-340 sign, 1 core, C (baseline) | %,.0f | | | |%n%n", libsecp);
    System.out.printf(Locale.ROOT, "signed / libsecp256k1 single core: %.2f (target >= 0.75, issue 8)%n", signed.requestsPerSecond() / libsecp);
    System.out.printf(Locale.ROOT, "signed / unsigned: %.2f%n", signed.requestsPerSecond() / plain.requestsPerSecond());
    System.out.printf(Locale.ROOT, "signed p99: %.2f ms (reported, issue 8)%n", signed.p99Millis());
  }
}
