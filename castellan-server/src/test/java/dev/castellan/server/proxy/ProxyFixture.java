package dev.castellan.server.proxy;

import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.NitroClaims;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.attestation.nitro.NitroVerifier;
import dev.castellan.attestation.simulator.SimulatedNitroDevice;
import dev.castellan.attestation.simulator.SimulatedNitroTee;
import dev.castellan.attestation.simulator.SimulatorHome;
import dev.castellan.core.bytes.Hex;
import dev.castellan.core.hash.HashAlgorithm;
import dev.castellan.core.signature.Bip340Verifier;
import dev.castellan.core.signature.Secp256k1PublicKey;
import dev.castellan.server.ServerConfig;
import dev.castellan.server.http.MessageSignature;
import dev.castellan.server.http.SignedExchange;
import dev.castellan.server.oracle.ApplicationMeasurement;
import dev.castellan.server.oracle.AttestationKeySigner;
import dev.castellan.server.oracle.Oracle;
import dev.castellan.server.oracle.OracleInfo;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * An oracle in supervisor mode over a real upstream process ({@link TestUpstream} started as a
 * unit with this JVM's {@code java} and class path), and the checks a client makes on what it
 * answers.
 */
final class ProxyFixture implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  final Oracle oracle;
  final ReverseProxy proxy;
  final SimulatorHome home;
  final HttpClient http = HttpClient.newHttpClient();

  private ProxyFixture(Oracle oracle, ReverseProxy proxy, SimulatorHome home) {
    this.oracle = oracle;
    this.proxy = proxy;
    this.home = home;
  }

  /** A free loopback port (free when asked; the upstream binds it a moment later). */
  static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** {@code NAME.service} running {@link TestUpstream} on {@code port}, with {@code args} after it. */
  static Path unitFile(Path directory, String name, int port, String... args) throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    String command = java + " -cp " + System.getProperty("java.class.path") + " " + TestUpstream.class.getName() + " "
        + port + (args.length == 0 ? "" : " " + String.join(" ", args));
    return Files.writeString(directory.resolve(name + ".service"),
        "[Service]\nExecStart = \"" + command + "\"\nRestart = \"no\"\n");
  }

  /** Boots on {@code data} with {@code options} (port 0, plain HTTP, no token needed). */
  static ProxyFixture boot(Path data, ProxyOptions options) throws Exception {
    SecureRandom random = new SecureRandom();
    OracleInfo info = new OracleInfo("test", Optional.of("ab".repeat(48)), Optional.empty());
    Path image = Files.writeString(data.resolve("image.jar"), "proxy test image");
    SimulatorHome home = SimulatorHome.open(data, Clock.systemUTC(), random);
    SimulatedNitroDevice device =
        SimulatedNitroDevice.boot(home, ApplicationMeasurement.of(List.of(image), info), Clock.systemUTC(), random);
    ServerConfig config = ServerConfig.defaults().withDataDirectory(data).withPort(0).withTls(false);
    ReverseProxy proxy = new ReverseProxy(options);
    Oracle oracle = Oracle.boot(Oracle.bind(config, Clock.systemUTC(), random), new SimulatedNitroTee(device),
        Optional.empty(), info, Oracle.Access.OPEN, List.of(proxy), Clock.systemUTC(), random);
    return new ProxyFixture(oracle, proxy, home);
  }

  HttpResponse<byte[]> get(String pathAndQuery) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(oracle.baseUrl() + pathAndQuery)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<byte[]> post(String url, byte[] body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Polls {@code path} through the proxy until the upstream answers 200 (its JVM takes a moment to start). */
  HttpResponse<byte[]> awaitUpstream(String path) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    HttpResponse<byte[]> response = get(path);
    while (response.statusCode() != 200 && System.nanoTime() < deadline) {
      Thread.sleep(100);
      response = get(path);
    }
    return response;
  }

  /** The attestation key the oracle publishes (the client checks it against the user data). */
  byte[] attestationKey() throws Exception {
    JsonNode info = JSON.readTree(get("/v1/enclave-info").body());
    return Hex.decode(info.get("attestationPublicKey").asString());
  }

  /**
   * Both response signatures, checked as the client checks them: {@code X-Attestation-Signature}
   * (BIP-340 over SHA-256(body)) and the RFC 9421 signature over the request's method, path,
   * query and the response's status, type and digest. Throws if either does not verify.
   */
  static void verifySignatures(HttpResponse<byte[]> response, String method, byte[] key) throws GeneralSecurityException {
    Bip340Verifier verifier = Bip340Verifier.create(Secp256k1PublicKey.fromSec1(key).toBip340PublicKey());
    String named = response.headers().firstValue(AttestationKeySigner.PUBKEY_HEADER).orElseThrow();
    if (!named.equals(Hex.encode(key))) {
      throw new GeneralSecurityException("signed by another key: " + named);
    }
    byte[] bodyHash = HashAlgorithm.SHA_256.hash(response.body());
    verifier.verify(Hex.decode(response.headers().firstValue(AttestationKeySigner.SIGNATURE_HEADER).orElseThrow()),
        bodyHash);
    String digest = response.headers().firstValue("Content-Digest").orElseThrow();
    if (!digest.equals(MessageSignature.contentDigestOf(bodyHash))) {
      throw new GeneralSecurityException("Content-Digest does not match the body");
    }
    URI uri = response.uri();
    SignedExchange exchange = new SignedExchange(method, uri.getRawPath(), uri.getRawQuery() == null ? "" : uri.getRawQuery(),
        response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), digest, Optional.empty(),
        response.body(), bodyHash);
    String input = response.headers().firstValue("Signature-Input").orElseThrow();
    String params = input.substring((MessageSignature.LABEL + "=").length());
    String signature = response.headers().firstValue("Signature").orElseThrow();
    byte[] raw = Base64.getDecoder().decode(signature.substring(signature.indexOf(":") + 1, signature.lastIndexOf(':')));
    verifier.verify(raw, HashAlgorithm.SHA_256.hash(MessageSignature.signatureBase(exchange, params)));
  }

  /** The user data of a fresh attestation, verified against the simulator's root and the nonce. */
  byte[] attestedUserData() throws Exception {
    byte[] nonce = new byte[20]; // nitriding's nonce: 20 bytes, 40 hex digits
    new SecureRandom().nextBytes(nonce);
    HttpResponse<byte[]> response = get("/enclave/attestation?nonce=" + Hex.encode(nonce));
    byte[] document = Base64.getDecoder().decode(JSON.readTree(response.body()).get("document").asString());
    var result = NitroVerifier.create(home.nitroTrustAnchors()).verify(Evidence.of(Platform.NITRO, document),
        VerificationRequest.at(Clock.systemUTC().instant(), Freshness.nonce(nonce)));
    return ((NitroClaims) result.claims()).userData().orElseThrow().toByteArray();
  }

  String applicationUrl() {
    return proxy.applicationUrl().orElseThrow();
  }

  @Override
  public void close() {
    oracle.close();
  }
}
