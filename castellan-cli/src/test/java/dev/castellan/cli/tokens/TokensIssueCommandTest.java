package dev.castellan.cli.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.attestation.simulator.SimulatedNitroDevice;
import dev.castellan.attestation.simulator.SimulatedNitroTee;
import dev.castellan.attestation.simulator.SimulatorHome;
import dev.castellan.cli.Cli;
import dev.castellan.server.ServerConfig;
import dev.castellan.server.oracle.ApplicationMeasurement;
import dev.castellan.server.oracle.Oracle;
import dev.castellan.server.oracle.OracleInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code castellan tokens issue} against the authority of a booted oracle, whose routes then accept the token. */
class TokensIssueCommandTest {
  @TempDir Path data;
  private Oracle oracle;
  private String out;
  private String err;

  @BeforeEach
  void boot() throws Exception {
    SecureRandom random = new SecureRandom();
    OracleInfo info = new OracleInfo("test", Optional.empty(), Optional.empty());
    // The running class path, as 'castellan up' and 'tokens issue' measure it: the same PCR0.
    SimulatedNitroDevice device = SimulatedNitroDevice.boot(SimulatorHome.open(data, Clock.systemUTC(), random),
        ApplicationMeasurement.ofRunningApplication(info), Clock.systemUTC(), random);
    oracle = Oracle.boot(ServerConfig.defaults().withDataDirectory(data).withPort(0).withTls(false),
        new SimulatedNitroTee(device), info, Clock.systemUTC(), random);
  }

  @AfterEach
  void stop() {
    oracle.close();
  }

  private int run(String... args) {
    Cli cli = Cli.run(args);
    out = cli.out();
    err = cli.err();
    return cli.exitCode();
  }

  private int sign(String token) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(oracle.baseUrl() + "/v1/sign"))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString("{\"scheme\":\"ecdsa\",\"digest\":\"" + "11".repeat(32) + "\"}")).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  @Test
  void issuedToken_isAcceptedByTheOracle_forItsScopeOnly() throws Exception {
    assertThat(run("tokens", "issue", "--data", data.toString(), "--scope", "sign:ecdsa")).as(err).isZero();
    String token = out.strip();
    assertThat(sign(token)).isEqualTo(200);
    assertThat(run("tokens", "verify", "--data", data.toString(), "--scope", "sign:bip340", token)).isEqualTo(1);
    assertThat(out).contains("NOT VALID: scope:");
  }

  @Test
  void issue_deniedByTheAcl_orWithoutAnAuthority_saysWhy() throws Exception {
    assertThat(run("tokens", "issue", "--data", data.toString(), "--scope", "luks:unlock")).isEqualTo(1);
    assertThat(err).contains("the authority denies it: ").contains("luks:unlock");
    assertThat(run("tokens", "issue", "--data", data.toString(), "--subject", "vm-7", "--scope", "sign:ecdsa")).isEqualTo(1);
    assertThat(err).contains("acl.subject-unknown");
    Path empty = Files.createDirectory(data.resolve("empty"));
    assertThat(run("tokens", "issue", "--data", empty.toString(), "--scope", "sign:ecdsa")).isEqualTo(1);
    assertThat(err).contains("no simulated TEE in " + empty);
    assertThat(run("tokens", "issue", "--data", data.toString(), "--scope", "sign:ecdsa", "--lifetime", "forever"))
        .isEqualTo(2);
    assertThat(err).contains("--lifetime must be a duration");
  }

  @Test
  void revoke_byTokenOrId_addsItToTheAuthoritysList() throws Exception {
    assertThat(run("tokens", "issue", "--data", data.toString(), "--scope", "sign:ecdsa")).as(err).isZero();
    String token = out.strip();
    assertThat(run("tokens", "revoke", "--data", data.toString(), "--token", token)).as(err).isZero();
    String id = out.split(" ")[1];
    assertThat(dev.castellan.authority.RevokedTokens.read(data.resolve("authority"), java.time.Instant.now()))
        .extracting(dev.castellan.core.bytes.Hex::encode).containsExactly(id);
    assertThat(run("tokens", "revoke", "--data", data.toString(), "ab".repeat(16))).as(err).isZero();
    assertThat(run("tokens", "revoke", "--data", data.toString(), "abcd")).isEqualTo(2);
    assertThat(err).contains("16 to 64 bytes");
    assertThat(run("tokens", "revoke", "--data", data.toString())).isEqualTo(2);
    assertThat(run("tokens", "revoke", "--data", data.toString(), "--token", "AAAA")).isEqualTo(1);
    assertThat(err).contains("not a capability token: malformed");
  }

  @Test
  void rotate_thenIssue_signsWithTheNewKey() throws Exception {
    String before = dev.castellan.tokens.KeySetDocument.verifySelfSigned(
        Files.readAllBytes(data.resolve("authority/keyset.cbor"))).activeKeyId().toString();
    assertThat(run("tokens", "rotate", "--data", data.toString())).as(err).isZero();
    assertThat(out).startsWith("rotated: key set version 2, active key ")
        .doesNotStartWith("rotated: key set version 2, active key " + before)
        .contains("  previous key " + before + " is accepted until ");
    assertThat(run("tokens", "keys", "--data", data.toString())).isZero();
    assertThat(out).contains("  previous   " + before);
    assertThat(run("tokens", "issue", "--data", data.toString(), "--scope", "sign:ecdsa")).as(err).isZero();
    byte[] token = java.util.Base64.getUrlDecoder().decode(out.strip());
    assertThat(dev.castellan.tokens.CapabilityToken.decode(token).keyId().toString()).isNotEqualTo(before);
  }

  @Test
  void totpEnroll_showsTheKeyUriAndAQrCodeOnce_andSealsTheSecret() throws Exception {
    assertThat(run("tokens", "totp-enroll", "--data", data.toString(), "--operator", "alice")).as(err).isZero();
    java.util.regex.Matcher uri = java.util.regex.Pattern
        .compile("otpauth://totp/Castellan:alice\\?secret=([A-Z2-7]+)&issuer=Castellan&algorithm=SHA1&digits=6&period=30")
        .matcher(out);
    assertThat(uri.find()).as(out).isTrue();
    assertThat(out).contains("\u2588"); // the half-block QR code
    Path sealed = data.resolve("authority/totp/alice.totp.sealed");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sealed))).isEqualTo("rw-------");
    assertThat(new String(Files.readAllBytes(sealed), java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain(uri.group(1));
    assertThat(run("tokens", "totp-enroll", "--data", data.toString(), "--operator", "alice")).isEqualTo(1);
    assertThat(err).contains("alice").contains("already enrolled").doesNotContain(uri.group(1));
    assertThat(out).doesNotContain("otpauth://");
  }

  @Test
  void out_writesAnOwnerOnlyFile_andNeverOverwrites() throws Exception {
    Path file = data.resolve("ci.token");
    assertThat(run("tokens", "issue", "--data", data.toString(), "--scope", "log:append", "--out", file.toString()))
        .as(err).isZero();
    assertThat(out).isEmpty();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(run("tokens", "verify", "--data", data.toString(), "--scope", "log:append", "--token-file", file.toString()))
        .as(out + err).isZero();
    assertThat(run("tokens", "issue", "--data", data.toString(), "--scope", "log:append", "--out", file.toString()))
        .isEqualTo(2);
    assertThat(err).contains("exists; a token file is never overwritten");
  }
}
