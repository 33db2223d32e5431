package dev.castellan.cli.tokens;

import dev.castellan.cli.Cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.authority.LocalAuthority;
import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.keys.MeasurementSealer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** {@code castellan tokens keys|verify} on a data directory with a real local authority. */
class TokensCommandTest {
  @TempDir Path data;
  private LocalAuthority authority;
  private String token;
  private String out;
  private String err;

  @BeforeEach
  void authority() throws Exception {
    SecureRandom random = new SecureRandom();
    authority = LocalAuthority.open(data, MeasurementSealer.create(SecretBytes.copyOf(new byte[32]), new byte[48], random),
        "castellan.local/authority", Clock.systemUTC(), random);
    token = Base64.getUrlEncoder().withoutPadding().encodeToString(
        authority.issue("operator", List.of("sign:bip340"), "castellan-oracle", Duration.ofMinutes(5)));
  }

  private int run(String... args) {
    Cli cli = Cli.run(args);
    out = cli.out();
    err = cli.err();
    return cli.exitCode();
  }

  @Test
  void keys_showsTheKeySet_andWhetherItIsPinned() throws Exception {
    String kid = authority.keySet().activeKeyId().toString();
    assertThat(run("tokens", "keys", "--data", data.toString())).as(err).isZero();
    assertThat(out).contains("  issuer     castellan.local/authority", "  ACTIVE     " + kid + "  ES256",
        "not authenticated (pin the key id with --kid HEX)");
    assertThat(run("tokens", "keys", "--data", data.toString(), "--kid", kid, "--json")).as(err).isZero();
    JsonNode json = new ObjectMapper().readTree(out);
    assertThat(json.get("pinned").asBoolean()).isTrue();
    assertThat(json.get("keys").get(0).get("kid").asString()).isEqualTo(kid);
    assertThat(run("tokens", "keys", "--data", data.toString(), "--kid", "00".repeat(32))).isEqualTo(1);
    assertThat(err).contains("active key is not the pinned key");
    assertThat(run("tokens", "keys", "--data", data.resolve("none").toString())).isEqualTo(1);
    assertThat(err).contains("key set " + data.resolve("none") + "/authority/keyset.cbor: does not exist");
  }

  @Test
  void verify_validToken_forItsScope_andNamesTheRuleOtherwise() throws Exception {
    assertThat(run("tokens", "verify", "--data", data.toString(), "--scope", "sign:bip340", token)).as(err).isZero();
    assertThat(out).contains("  subject    operator", "  SKIP  revocation  not checked offline",
        "VALID for sign:bip340 at castellan-oracle");
    assertThat(run("tokens", "verify", "--data", data.toString(), "--scope", "log:append", token)).isEqualTo(1);
    assertThat(out).contains("NOT VALID: scope:");
    assertThat(run("tokens", "verify", "--data", data.toString(), "--scope", "sign:bip340", "--audience", "other", token))
        .isEqualTo(1);
    assertThat(out).contains("NOT VALID: audience:");
    assertThat(run("tokens", "verify", "--data", data.toString(), "--scope", "sign:bip340", "--at", "2099-01-01T00:00:00Z",
        token)).isEqualTo(1);
    assertThat(out).contains("NOT VALID: expired: expired at ").doesNotContain("expired: expired:");
  }

  @Test
  void verify_fromAFile_orWithTheBearerPrefix_orTampered() throws Exception {
    Path file = Files.writeString(data.resolve("token"), "Bearer " + token + "\n");
    assertThat(run("tokens", "verify", "--data", data.toString(), "--scope", "sign:bip340", "--token-file", file.toString()))
        .as(out + err).isZero();
    char last = token.charAt(token.length() - 2);
    String tampered = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
    assertThat(run("tokens", "verify", "--data", data.toString(), "--scope", "sign:bip340", tampered)).isEqualTo(1);
    assertThat(out).contains("NOT VALID: signature");
    assertThat(run("tokens", "verify", "--data", data.toString(), "--scope", "sign:bip340", "not*base64")).isEqualTo(1);
    assertThat(err).contains("not unpadded base64url");
    assertThat(run("tokens", "verify", "--data", data.toString(), "--scope", "sign:bip340")).isEqualTo(2);
    assertThat(err).contains("give the token");
  }
}
