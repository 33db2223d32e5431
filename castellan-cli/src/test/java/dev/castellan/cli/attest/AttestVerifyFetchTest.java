package dev.castellan.cli.attest;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.castellan.testkit.Vectors;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code attest verify --fetch-collateral} against a loopback Intel PCS serving the vectors. */
class AttestVerifyFetchTest {
  private static final String DIR = "attestation/tdx/";
  private static final String TDX = DIR + "trustee_tdx_quote_4.dat";

  @TempDir Path temp;
  HttpServer server;
  final AtomicInteger requests = new AtomicInteger();

  @BeforeEach
  void start() throws IOException {
    String chain = URLEncoder.encode(
        Vectors.text(DIR + "collateral/derived/go-tdx-guest_tcb-signing-issuer-chain.pem"), StandardCharsets.UTF_8);
    Map<String, byte[]> bodies = Map.of(
        "/tdx/certification/v4/tcb?fmspc=50806f000000",
        Vectors.bytes(DIR + "collateral/go-tdx-guest_sample_tcbInfo_response"),
        "/tdx/certification/v4/qe/identity",
        Vectors.bytes(DIR + "collateral/go-tdx-guest_sample_qeIdentity_response"));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      requests.incrementAndGet();
      try (exchange) {
        byte[] body = bodies.get(exchange.getRequestURI().toString());
        if (body == null) {
          exchange.sendResponseHeaders(404, -1);
          return;
        }
        exchange.getResponseHeaders().add("TCB-Info-Issuer-Chain", chain);
        exchange.getResponseHeaders().add("SGX-Enclave-Identity-Issuer-Chain", chain);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
      }
    });
    server.start();
    String url = "http://127.0.0.1:" + server.getAddress().getPort();
    System.setProperty("castellan.pcs.url", url);
    System.setProperty("castellan.kds.url", url);
  }

  @AfterEach
  void stop() {
    System.clearProperty("castellan.pcs.url");
    System.clearProperty("castellan.kds.url");
    server.stop(0);
  }

  @Test
  void verify_tdxWithFetchCollateral_evaluatesTcbFromPcs_andCaches() throws Exception {
    String cache = temp.resolve("cache").toString();
    String quote = Vectors.path(TDX).toString();
    CliRun run = CliRun.of("attest", "verify", "--any-measurement", quote, "--fetch-collateral", "--collateral-cache", cache,
        "--at", "2023-07-01", "--no-freshness", "--allow-debug");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("PASS  tdx.tcb-info", "PASS  tdx.qe-identity")
        .containsPattern("tcbStatus +UP_TO_DATE").endsWith("VERIFIED (UNPINNED: no reference value pins the measurement)\n");
    // The CRLs are not served: the fetch notes say so, and revocation shows as not checked.
    assertThat(run.err()).contains("note: collateral fetch:", "HTTP status 404");
    int served = requests.get();

    CliRun again = CliRun.of("attest", "verify", "--any-measurement", quote, "--fetch-collateral", "--collateral-cache", cache,
        "--at", "2023-07-01", "--no-freshness", "--allow-debug");
    assertThat(again.out()).isEqualTo(run.out());
    assertThat(requests.get() - served).as("only the uncached 404s are asked again").isEqualTo(2);
    try (var files = Files.list(Path.of(cache))) {
      assertThat(files.count()).isEqualTo(4);
    }
  }

  @Test
  void verify_withoutFetchCollateral_neverContactsTheNetwork() {
    CliRun run = CliRun.of("attest", "verify", "--any-measurement", Vectors.path(TDX).toString(), "--at", "2023-07-01",
        "--no-freshness", "--allow-debug");
    assertThat(run.out()).containsPattern("tcbStatus +NOT_EVALUATED");
    assertThat(requests.get()).isZero();
  }

  @Test
  void verify_cacheWithoutFetch_isAUsageError() {
    CliRun run = CliRun.of("attest", "verify", "--any-measurement", Vectors.path(TDX).toString(), "--collateral-cache",
        temp.toString(), "--no-freshness");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--collateral-cache needs --fetch-collateral");
  }
}
