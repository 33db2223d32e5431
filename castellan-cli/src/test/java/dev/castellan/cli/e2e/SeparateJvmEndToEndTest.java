package dev.castellan.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.authority.totp.Totp;
import dev.castellan.authority.totp.TotpAlgorithm;
import dev.castellan.authority.totp.TotpParameters;
import dev.castellan.authority.totp.TotpSecret;
import dev.castellan.core.bytes.Base32;
import dev.castellan.cli.TestOracle;
import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.log.LocalLog;
import dev.castellan.log.LogRecord;
import dev.castellan.log.storage.EmbeddedStorage;
import dev.castellan.tokens.envelope.AuditLog;
import dev.castellan.tokens.envelope.EnvelopeCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10's end to end, each party a JVM of its own: the enforcer ({@code castellan up}, which
 * verifies capability tokens on {@code /v1/sign}), the authority ({@code castellan tokens serve})
 * and the operator console ({@code castellan unlock}, the TOTP code on its standard input) —
 * over a Unix socket, and over TCP with mutual TLS whose certificates {@code openssl} made. The
 * authority's audit log then verifies with {@code castellan log verify}.
 */
class SeparateJvmEndToEndTest {
  static final Duration BOOT = Duration.ofSeconds(90);

  @TempDir Path dir;

  /** The enforcer, running, with {@code operator} enrolled for TOTP; returns its base URL and the operator's secret. */
  record Enforcer(ChildJvm process, String url, TotpSecret secret) {}

  Enforcer boot(Path data, String operator) throws Exception {
    ChildJvm up = ChildJvm.start(dir, "up", null, "up", "--data", data.toString(), "--port", "0", "--plain-http");
    String url = up.await("Castellan oracle is up at (http://\\S+)", BOOT);
    Files.writeString(data.resolve("authority/acl.json"), "{\"version\": 1, \"subjects\": {\"operator\": [\"sign:bip340\"], \""
        + operator + "\": [\"sign:bip340\"]}}");
    ChildJvm enrol = ChildJvm.run(dir, "enrol", null, "tokens", "totp-enroll", "--data", data.toString(), "--operator", operator);
    assertThat(enrol.exitCode()).as(enrol.output()).isZero();
    Matcher secret = Pattern.compile("secret=([A-Z2-7]+)&").matcher(enrol.stdout());
    assertThat(secret.find()).as(enrol.output()).isTrue();
    return new Enforcer(up, url, TotpSecret.of(TotpAlgorithm.SHA1,
        SecretBytes.copyOf(Base32.decode(secret.group(1).toLowerCase(Locale.ROOT)))));
  }

  static String code(TotpSecret secret) {
    return Totp.code(secret, Instant.now(), TotpParameters.defaults());
  }

  static int sign(String url, String token) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/v1/sign"))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString("{\"scheme\":\"bip340\",\"digest\":\"" + "22".repeat(32) + "\"}")).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  /** The audit log verifies with {@code castellan log verify}; its records, decoded. */
  List<AuditLog> verifiedAudit(Path data) throws Exception {
    Path audit = data.resolve("authority/audit");
    ChildJvm verify = ChildJvm.run(dir, "verify", null, "log", "verify", "--data", audit.toString());
    assertThat(verify.exitCode()).as(verify.output()).isZero();
    List<AuditLog> records = new ArrayList<>();
    try (EmbeddedStorage log = LocalLog.openReadOnly(audit)) {
      for (long i = 0; i < log.size(); i++) {
        records.add((AuditLog) EnvelopeCodec.decode(LogRecord.decode(log.read(i)).data()));
      }
    }
    return records;
  }

  /** unlock → token → the enforcer signs with it; then the audit trail. */
  void unlockAndSign(Path data, Enforcer enforcer, String operator, String... transport) throws Exception {
    Path tokenFile = dir.resolve(operator + ".token");
    List<String> args = new ArrayList<>(List.of("unlock", "--operator", operator, "--data", data.toString(),
        "--out", tokenFile.toString()));
    args.addAll(List.of(transport));
    ChildJvm unlock = ChildJvm.run(dir, "unlock-" + operator, code(enforcer.secret()) + "\n", args.toArray(String[]::new));
    assertThat(unlock.exitCode()).as(unlock.output()).isZero();
    assertThat(unlock.stdout()).contains("result: ok").contains("ephemeral key: 32 bytes");
    String token = Files.readString(tokenFile).strip();
    assertThat(sign(enforcer.url(), token)).isEqualTo(200);
    assertThat(sign(enforcer.url(), token.substring(0, token.length() - 2) + "AA")).isEqualTo(401);
  }

  @Test
  void overAUnixSocket() throws Exception {
    Path data = dir.resolve("data");
    Enforcer enforcer = boot(data, "alice");
    try (ChildJvm up = enforcer.process()) {
      Files.writeString(data.resolve("authority/peers.json"), "{\"version\": 1, \"peers\": [{\"name\": \"console\", \"unix\": {\"uid\": "
          + TestOracle.uid() + "}, \"types\": [\"totp_validate_req\"]}]}");
      try (ChildJvm serve = ChildJvm.start(dir, "serve", null, "tokens", "serve", "--data", data.toString())) {
        serve.await("cryptod is serving on", BOOT);
        unlockAndSign(data, enforcer, "alice");
      }
      List<AuditLog> audit = verifiedAudit(data);
      assertThat(audit).anySatisfy(r -> {
        assertThat(r.action()).isEqualTo("totp.validate");
        assertThat(r.actor()).isEqualTo("console");
        assertThat(r.target()).contains("alice");
        assertThat(r.result()).isEqualTo("ok");
      });
    }
  }

  @Test
  void overTcpWithMutualTls_certificatesFromOpenssl() throws Exception {
    Path data = dir.resolve("data");
    Path pki = Files.createDirectory(dir.resolve("pki"));
    String consolePin = selfSigned(pki, "console");
    selfSigned(pki, "cryptod");
    Enforcer enforcer = boot(data, "bob");
    try (ChildJvm up = enforcer.process()) {
      Files.writeString(data.resolve("authority/peers.json"), "{\"version\": 1, \"peers\": [{\"name\": \"tls-console\", \"tls\":"
          + " {\"spkiSha256\": \"" + consolePin + "\"}, \"types\": [\"totp_validate_req\"]}]}");
      try (ChildJvm serve = ChildJvm.start(dir, "serve", null, "tokens", "serve", "--data", data.toString(),
          "--tcp", "127.0.0.1:0", "--tls-cert", pki.resolve("cryptod.crt").toString(), "--tls-key", pki.resolve("cryptod.key").toString())) {
        String port = serve.await("cryptod is serving on tcp 127\\.0\\.0\\.1:(\\d+) \\(mutual TLS, 1 pinned peer\\)", BOOT);
        unlockAndSign(data, enforcer, "bob", "--tcp", "127.0.0.1:" + port,
            "--tls-cert", pki.resolve("console.crt").toString(), "--tls-key", pki.resolve("console.key").toString(),
            "--tls-server-cert", pki.resolve("cryptod.crt").toString());

        // A console whose key the peer ACL does not pin fails the handshake; the authority records it.
        selfSigned(pki, "stranger");
        ChildJvm stranger = ChildJvm.run(dir, "unlock-stranger", code(enforcer.secret()) + "\n", "unlock", "--operator", "bob",
            "--data", data.toString(), "--tcp", "127.0.0.1:" + port, "--tls-cert", pki.resolve("stranger.crt").toString(),
            "--tls-key", pki.resolve("stranger.key").toString(), "--tls-server-cert", pki.resolve("cryptod.crt").toString());
        assertThat(stranger.exitCode()).as(stranger.output()).isNotZero();
      }
      List<AuditLog> audit = verifiedAudit(data);
      assertThat(audit).anySatisfy(r -> {
        assertThat(r.action()).isEqualTo("totp.validate");
        assertThat(r.actor()).isEqualTo("tls-console");
        assertThat(r.result()).isEqualTo("ok");
      });
      assertThat(audit).anySatisfy(r -> {
        assertThat(r.action()).isEqualTo("peer.refused");
        assertThat(r.actor()).isEqualTo("transport");
      });
    }
  }

  /** A P-256 key and self-signed certificate made by openssl; returns the SPKI SHA-256 pin, as openssl computes it. */
  static String selfSigned(Path pki, String name) throws Exception {
    exec(pki, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
        "-keyout", name + ".key", "-out", name + ".crt", "-days", "1", "-subj", "/CN=" + name);
    exec(pki, "sh", "-c", "openssl x509 -in " + name + ".crt -pubkey -noout | openssl pkey -pubin -outform DER > " + name + ".spki");
    String digest = exec(pki, "openssl", "dgst", "-sha256", "-r", name + ".spki");
    return digest.substring(0, 64);
  }

  static String exec(Path dir, String... command) throws Exception {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
    return output;
  }
}
