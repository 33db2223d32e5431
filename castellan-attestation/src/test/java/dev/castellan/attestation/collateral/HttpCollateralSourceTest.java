package dev.castellan.attestation.collateral;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.castellan.attestation.AttestationResult;
import dev.castellan.attestation.CollateralKey;
import dev.castellan.attestation.CollateralSource;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.TdxClaims;
import dev.castellan.attestation.TrustAnchors;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.attestation.tdx.TdxVerifier;
import dev.castellan.testkit.Vectors;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpCollateralSourceTest {
  static final String TDX = "attestation/tdx/";
  static final Instant AT_2023 = Instant.parse("2023-07-01T00:00:00Z");

  HttpServer server;
  URI base;
  final AtomicInteger requests = new AtomicInteger();
  final Map<String, Response> routes = new ConcurrentHashMap<>();

  record Response(int status, byte[] body, Map<String, String> headers, long delayMillis) {
    static Response ok(byte[] body) {
      return new Response(200, body, Map.of(), 0);
    }
  }

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
    base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    Response r = routes.get(exchange.getRequestURI().toString());
    try (exchange) {
      if (r == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      if (r.delayMillis() > 0) {
        Thread.sleep(r.delayMillis());
      }
      r.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      exchange.sendResponseHeaders(r.status(), r.body().length == 0 ? -1 : r.body().length);
      exchange.getResponseBody().write(r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException ignored) {
      // the client gave up (timeout test)
    }
  }

  HttpCollateralSource source() {
    return HttpCollateralSource.create(HttpCollateralOptions.defaults().withBaseUrls(base, base)
        .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(700)));
  }

  /** Serves the go-tdx-guest 2023 collateral at the Intel PCS v4 paths. */
  static void servePcs(Map<String, Response> routes) {
    String chain = URLEncoder.encode(
        Vectors.text(TDX + "collateral/derived/go-tdx-guest_tcb-signing-issuer-chain.pem"),
        StandardCharsets.UTF_8);
    String pckChain = URLEncoder.encode(
        Vectors.text(TDX + "collateral/derived/go-tdx-guest_pck-crl-issuer-chain.pem"),
        StandardCharsets.UTF_8);
    routes.put("/tdx/certification/v4/tcb?fmspc=50806f000000", new Response(200,
        Vectors.bytes(TDX + "collateral/go-tdx-guest_sample_tcbInfo_response"),
        Map.of("TCB-Info-Issuer-Chain", chain), 0));
    routes.put("/tdx/certification/v4/qe/identity", new Response(200,
        Vectors.bytes(TDX + "collateral/go-tdx-guest_sample_qeIdentity_response"),
        Map.of("SGX-Enclave-Identity-Issuer-Chain", chain), 0));
    routes.put("/sgx/certification/v4/pckcrl?ca=platform&encoding=der", new Response(200,
        Vectors.bytes(TDX + "collateral/go-tdx-guest_pckcrl"),
        Map.of("SGX-PCK-CRL-Issuer-Chain", pckChain), 0));
    routes.put("/sgx/certification/v4/rootcacrl",
        Response.ok(Vectors.bytes(TDX + "collateral/go-tdx-guest_rootcrl.der")));
  }

  static AttestationResult verifyQuote4(CollateralSource source) throws Exception {
    return TdxVerifier.create(TrustAnchors.bundled()).verify(
        Evidence.of(Platform.TDX, Vectors.bytes(TDX + "trustee_tdx_quote_4.dat")),
        VerificationRequest.at(AT_2023, Freshness.none()).withCollateral(source));
  }

  @Test
  void find_tdxQuoteOverPcs_sameVerdictAsOffline(@TempDir Path dir) throws Exception {
    servePcs(routes);
    Path tdx = Files.createDirectories(dir.resolve("tdx"));
    for (var e : Map.of("tcb-info", "go-tdx-guest_sample_tcbInfo_response",
        "qe-identity", "go-tdx-guest_sample_qeIdentity_response",
        "root-crl", "go-tdx-guest_rootcrl.der", "pck-crl", "go-tdx-guest_pckcrl").entrySet()) {
      Files.createDirectories(tdx.resolve(e.getKey()));
      Files.write(tdx.resolve(e.getKey()).resolve("default"),
          Vectors.bytes(TDX + "collateral/" + e.getValue()));
    }
    Files.createDirectories(tdx.resolve("tcb-signing-chain"));
    Files.write(tdx.resolve("tcb-signing-chain/default"),
        Vectors.bytes(TDX + "collateral/derived/go-tdx-guest_tcb-signing-issuer-chain.pem"));

    AttestationResult online = verifyQuote4(source());
    AttestationResult offline = verifyQuote4(CollateralSource.directory(dir));

    assertThat(((TdxClaims) online.claims()).tcbStatus().name()).isEqualTo("UP_TO_DATE");
    assertThat(online.checks()).isEqualTo(offline.checks());
    assertThat(online.checks()).extracting(c -> c.name())
        .contains("tdx.root-crl", "tdx.pck-crl", "tdx.tcb-info", "tdx.qe-identity");
  }

  @Test
  void find_secondLookup_servedFromMemoryCache() throws Exception {
    servePcs(routes);
    HttpCollateralSource source = source();
    CollateralKey key = CollateralKey.of(Platform.TDX, "qe-identity");
    byte[] first = source.find(key).orElseThrow();
    int after = requests.get();
    assertThat(source.find(key)).hasValueSatisfying(b -> assertThat(b).isEqualTo(first));
    assertThat(requests.get()).isEqualTo(after).isEqualTo(1);
  }

  @Test
  void find_diskCache_newSourceDoesNotHitServer(@TempDir Path dir) throws Exception {
    servePcs(routes);
    var options = HttpCollateralOptions.defaults().withBaseUrls(base, base).withCacheDirectory(dir);
    CollateralKey tcb = new CollateralKey(Platform.TDX, "tcb-info", "50806f000000");
    CollateralKey chain = CollateralKey.of(Platform.TDX, "tcb-signing-chain");
    byte[] body = HttpCollateralSource.create(options).find(tcb).orElseThrow();
    assertThat(requests.get()).isEqualTo(1);
    HttpCollateralSource again = HttpCollateralSource.create(options);
    assertThat(again.find(tcb)).hasValueSatisfying(b -> assertThat(b).isEqualTo(body));
    assertThat(again.find(chain)).hasValueSatisfying(b ->
        assertThat(new String(b, StandardCharsets.US_ASCII)).startsWith("-----BEGIN CERTIFICATE-----"));
    assertThat(requests.get()).isEqualTo(1);
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .hasSize(2).allMatch(n -> n.matches("[0-9a-f]{64}\\.(body|chain)"));
    }
  }

  @Test
  void find_notFound_isEmptyWithReason() {
    HttpCollateralSource source = source();
    assertThat(source.find(new CollateralKey(Platform.TDX, "tcb-info", "00906ed50000"))).isEmpty();
    assertThat(source.problems()).singleElement().asString().contains("HTTP status 404");
  }

  @Test
  void find_slowServer_timesOut() {
    routes.put("/tdx/certification/v4/qe/identity", new Response(200, new byte[] {'{', '}'},
        Map.of("SGX-Enclave-Identity-Issuer-Chain", "x"), 3_000));
    HttpCollateralSource source = source();
    long start = System.nanoTime();
    assertThat(source.find(CollateralKey.of(Platform.TDX, "qe-identity"))).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_500));
    assertThat(source.problems()).singleElement().asString().contains("timed out");
  }

  @Test
  void find_oversizeBody_isEmptyWithReason() {
    routes.put("/sgx/certification/v4/rootcacrl", Response.ok(new byte[4096]));
    HttpCollateralSource source = HttpCollateralSource.create(
        HttpCollateralOptions.defaults().withBaseUrls(base, base).withMaxBytes(1024));
    assertThat(source.find(CollateralKey.of(Platform.TDX, "root-crl"))).isEmpty();
    assertThat(source.problems()).singleElement().asString().contains("larger than 1024");
  }

  @Test
  void find_missingIssuerChainHeader_isEmptyWithReason() {
    routes.put("/tdx/certification/v4/qe/identity", Response.ok(new byte[] {'{', '}'}));
    HttpCollateralSource source = source();
    assertThat(source.find(CollateralKey.of(Platform.TDX, "qe-identity"))).isEmpty();
    assertThat(source.problems()).singleElement().asString()
        .contains("no SGX-Enclave-Identity-Issuer-Chain header");
  }

  @Test
  void find_snpCrlAndCertChain_useKdsPaths() {
    byte[] chain = Vectors.bytes("attestation/sev-snp/amd-roots/ask_ark_milan.pem");
    routes.put("/vcek/v1/Milan/cert_chain", Response.ok(chain));
    routes.put("/vcek/v1/Genoa/crl", Response.ok(new byte[] {0x30, 0x00}));
    HttpCollateralSource source = source();
    assertThat(source.find(new CollateralKey(Platform.SEV_SNP, "cert-chain", "Milan")))
        .hasValueSatisfying(b -> assertThat(b).isEqualTo(chain));
    assertThat(source.find(new CollateralKey(Platform.SEV_SNP, "crl", "amd-ark-genoa")))
        .hasValueSatisfying(b -> assertThat(b).containsExactly(0x30, 0x00));
    assertThat(source.find(new CollateralKey(Platform.SEV_SNP, "vcek", "ab"))).isEmpty();
    assertThat(requests.get()).isEqualTo(2);
    assertThat(source.problems()).isEmpty();
  }

  @Test
  void find_snpVcekFromKds_verifierUsesIt_sameChecksAsOffline() throws Exception {
    byte[] report = Vectors.bytes("attestation/sev-snp/derived/trustee_e2e_evidence.report.bin");
    byte[] vcek = Vectors.bytes("attestation/sev-snp/derived/trustee_e2e_evidence.vcek.der");
    byte[] tcb = java.util.Arrays.copyOfRange(report, 0x180, 0x188);
    String hwid = dev.castellan.core.bytes.Hex.encode(java.util.Arrays.copyOfRange(report, 0x1A0, 0x1E0));
    routes.put("/vcek/v1/Genoa/" + hwid + "?blSPL=" + (tcb[0] & 0xff) + "&teeSPL=" + (tcb[1] & 0xff)
        + "&snpSPL=" + (tcb[6] & 0xff) + "&ucodeSPL=" + (tcb[7] & 0xff), Response.ok(vcek));
    var request = VerificationRequest.at(Instant.parse("2026-01-01T00:00:00Z"), Freshness.none());
    var verifier = dev.castellan.attestation.snp.SnpVerifier.create(TrustAnchors.bundled());
    Evidence evidence = Evidence.of(Platform.SEV_SNP, report);

    AttestationResult online = verifier.verify(evidence, request.withCollateral(source()));
    AttestationResult offline = verifier.verify(evidence, request.withCollateral(CollateralSource.of(
        Map.of(new CollateralKey(Platform.SEV_SNP, "vcek", hwid), vcek))));

    assertThat(requests.get()).isEqualTo(2); // the VCEK, then the Genoa CRL (404: not served)
    assertThat(online.checks()).isEqualTo(offline.checks());
  }

  @Test
  void find_snpVcekWithoutServer_verifierReportsMissingVcek() {
    byte[] report = Vectors.bytes("attestation/sev-snp/derived/trustee_e2e_evidence.report.bin");
    var request = VerificationRequest.at(Instant.parse("2026-01-01T00:00:00Z"), Freshness.none())
        .withCollateral(source());
    org.assertj.core.api.Assertions.assertThatThrownBy(() ->
        dev.castellan.attestation.snp.SnpVerifier.create(TrustAnchors.bundled())
            .verify(Evidence.of(Platform.SEV_SNP, report), request))
        .isInstanceOf(dev.castellan.attestation.CollateralException.class)
        .hasMessageContaining("no VCEK");
  }

  @Test
  void unhex_hexEncodedCrl_decodes() {
    assertThat(HttpCollateralSource.unhex("3000".getBytes(StandardCharsets.US_ASCII)))
        .containsExactly(0x30, 0x00);
    assertThat(HttpCollateralSource.unhex(new byte[] {0x30, 0x00})).containsExactly(0x30, 0x00);
  }
}
