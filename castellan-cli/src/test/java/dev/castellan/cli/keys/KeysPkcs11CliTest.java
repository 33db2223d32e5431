package dev.castellan.cli.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.cli.Cli;
import dev.castellan.log.LogRecord;
import dev.castellan.testkit.OpenSsl;
import dev.castellan.testkit.SoftHsm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** {@code castellan keys pkcs11 init|list|sign} against a SoftHSM2 token each test creates. */
class KeysPkcs11CliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private static String keyUri(Cli init) {
    return init.out().lines().findFirst().orElseThrow();
  }

  @Test
  void initListSign_p256_openSslVerifiesTheSignatureFile() throws Exception {
    SoftHsm.Token token = SoftHsm.createToken("cli-p256", dir);
    Cli init = Cli.run("keys", "pkcs11", "init", "--uri", token.uri("object=release"), "--type", "p256",
        "--public-key-out", dir.resolve("pub.pem").toString());
    assertThat(init.exitCode()).as(init.toString()).isZero();
    String uri = keyUri(init);
    assertThat(uri).startsWith("pkcs11:token=" + token.label() + ";object=release;id=%").contains(";type=private?module-path=");
    assertThat(init.out()).contains("-----BEGIN PUBLIC KEY-----").isEqualTo(uri + "\n" + Files.readString(dir.resolve("pub.pem")));

    Cli list = Cli.run("keys", "pkcs11", "list", "--uri", token.uri(""));
    assertThat(list.exitCode()).as(list.toString()).isZero();
    assertThat(list.out().lines().toList()).hasSize(2)
        .anySatisfy(l -> assertThat(l).startsWith("public").contains("p256").contains("sha256:").contains("object=release"))
        .anySatisfy(l -> assertThat(l).startsWith("private").contains("sensitive,always-sensitive,never-extractable,local"));

    Path payload = Files.writeString(dir.resolve("payload"), "release v1.2.3");
    Cli sign = Cli.run("keys", "pkcs11", "sign", "--uri", uri, "--in", payload.toString(), "--out", dir.resolve("sig.bin").toString());
    assertThat(sign.exitCode()).as(sign.toString()).isZero();
    assertThat(sign.out()).contains("ECDSA P-256 SHA-256 (DER) signature by pkcs11:token=" + token.label());
    assertThat(OpenSsl.run(dir, "dgst", "-sha256", "-verify", "pub.pem", "-signature", "sig.bin", "payload").output())
        .contains("Verified OK");
  }

  @Test
  void initSign_ed25519_openSslPkeyutlVerifies_andJsonListsTheKey() throws Exception {
    SoftHsm.Token token = SoftHsm.createToken("cli-ed", dir);
    Cli init = Cli.run("keys", "pkcs11", "init", "--uri", token.uri("object=ed;id=%E0"), "--type", "ed25519", "--json");
    assertThat(init.exitCode()).as(init.toString()).isZero();
    JsonNode key = JSON.readTree(init.out());
    assertThat(key.get("type").asString()).isEqualTo("ed25519");
    assertThat(key.get("id").asString()).isEqualTo("e0");
    assertThat(key.get("protection").asString()).contains("never-extractable");
    Files.writeString(dir.resolve("pub.pem"), key.get("publicKey").asString());

    Path payload = Files.writeString(dir.resolve("payload"), "ed25519 payload");
    Cli sign = Cli.run("keys", "pkcs11", "sign", "--uri", token.uri("id=%E0"), "--in", payload.toString(),
        "--out", dir.resolve("sig.bin").toString(), "--json");
    assertThat(sign.exitCode()).as(sign.toString()).isZero();
    assertThat(JSON.readTree(sign.out()).get("bytes").asInt()).isEqualTo(64);
    assertThat(OpenSsl.run(dir, "pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin", "-in", "payload",
        "-sigfile", "sig.bin").output()).contains("Signature Verified Successfully");

    Cli list = Cli.run("keys", "pkcs11", "list", "--uri", token.uri(""), "--json");
    JsonNode objects = JSON.readTree(list.out()).get("objects");
    assertThat(objects).hasSize(2);
    assertThat(objects.get(0).get("fingerprint").asString()).isEqualTo(key.get("fingerprint").asString());
  }

  @Test
  void logAppendSigner_recordsSignedInTheToken_verifyWithLogVerifyAndSeed000sOpenSslRecipe() throws Exception {
    SoftHsm.Token token = SoftHsm.createToken("cli-log", dir);
    Path data = dir.resolve("data");
    for (String type : List.of("p256", "ed25519")) {
      Cli init = Cli.run("keys", "pkcs11", "init", "--uri", token.uri("object=log-" + type), "--type", type);
      assertThat(init.exitCode()).as(init.toString()).isZero();
      Path evidence = Files.writeString(dir.resolve(type + ".json"), "{\"evidence\":\"" + type + "\"}");
      Cli append = Cli.run("log", "append", "--data", data.toString(), "--signer", keyUri(init), evidence.toString());
      assertThat(append.exitCode()).as(append.toString()).isZero();
    }
    Cli verify = Cli.run("log", "verify", "--data", data.toString());
    assertThat(verify.exitCode()).as(verify.toString()).isZero();

    // Seed 000: take the record's data and signature apart, then openssl verifies with the record's own key.
    for (int index = 0; index < 2; index++) {
      Path raw = dir.resolve("record" + index + ".cbor");
      Cli get = Cli.run("log", "get", "--data", data.toString(), String.valueOf(index), "--raw", "--out", raw.toString());
      assertThat(get.exitCode()).as(get.toString()).isZero();
      LogRecord record = LogRecord.decode(Files.readAllBytes(raw));
      Files.write(dir.resolve("payload.cbor"), record.data());
      Files.write(dir.resolve("sig.bin"), record.signature());
      Files.write(dir.resolve("pub.der"), record.pubkey());
      assertThat(OpenSsl.run(dir, "pkey", "-pubin", "-inform", "DER", "-in", "pub.der", "-out", "hsm_pubkey.pem").ok()).isTrue();
      OpenSsl.Result result = index == 0
          ? OpenSsl.run(dir, "dgst", "-sha256", "-verify", "hsm_pubkey.pem", "-signature", "sig.bin", "payload.cbor")
          : OpenSsl.run(dir, "pkeyutl", "-verify", "-pubin", "-inkey", "hsm_pubkey.pem", "-rawin", "-in", "payload.cbor",
              "-sigfile", "sig.bin");
      assertThat(result.output()).as("record " + index).containsAnyOf("Verified OK", "Signature Verified Successfully");
      assertThat(new String(record.data(), StandardCharsets.UTF_8)).contains(index == 0 ? "p256" : "ed25519");
    }
  }

  @Test
  void wrongPin_isOneLine_withoutThePin() throws Exception {
    SoftHsm.Token token = SoftHsm.createToken("cli-pin", dir);
    String wrong = token.pin().equals("24681357") ? "75318642" : "24681357";
    Cli list = Cli.run("keys", "pkcs11", "list", "--uri", token.uriWithoutPin("") + "&pin-value=" + wrong);
    assertThat(list.exitCode()).isEqualTo(1);
    assertThat(list.err().lines().toList()).containsExactly(
        "castellan keys pkcs11 list: token '" + token.label() + "': the PIN is incorrect (C_Login: CKR_PIN_INCORRECT)");
    assertThat(list.out() + list.err()).doesNotContain(wrong).doesNotContain(token.pin());
  }

  @Test
  void unknownTokenAndKey_areOperationErrors() throws Exception {
    SoftHsm.Token token = SoftHsm.createToken("cli-unknown", dir);
    Cli noToken = Cli.run("keys", "pkcs11", "list", "--uri", "pkcs11:token=absent?module-path=" + SoftHsm.MODULE);
    assertThat(noToken.exitCode()).isEqualTo(1);
    assertThat(noToken.err()).startsWith("castellan keys pkcs11 list: no token matches token=absent in module ");
    Path payload = Files.writeString(dir.resolve("payload"), "x");
    Cli noKey = Cli.run("keys", "pkcs11", "sign", "--uri", token.uri("object=absent"), "--in", payload.toString(),
        "--out", dir.resolve("sig").toString());
    assertThat(noKey.exitCode()).isEqualTo(1);
    assertThat(noKey.err().strip()).isEqualTo("castellan keys pkcs11 sign: token '" + token.label() + "' has no private key object=absent");
    assertThat(dir.resolve("sig")).doesNotExist();
  }

  @Test
  void badUris_areUsageErrors_thatNeverEchoAPinValue() {
    Cli bad = Cli.run("keys", "pkcs11", "list", "--uri", "pkcs11:token=t;bogus=1?pin-value=SECRET4711");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("unknown path attribute 'bogus'").doesNotContain("SECRET4711");
    Cli noModule = Cli.run("keys", "pkcs11", "list", "--uri", "pkcs11:token=t?pin-value=SECRET4711");
    assertThat(noModule.exitCode()).isEqualTo(2);
    assertThat(noModule.err()).contains("names no module").doesNotContain("SECRET4711");
    Cli both = Cli.run("log", "append", "--data", "unused", "--signer", "pkcs11:token=t;object=k?module-path=/m.so",
        "--key-type", "ED25519", "x");
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).contains("--signer signs in a token: not with --key-type or --key-dir");
    Cli group = Cli.run("keys");
    assertThat(group.exitCode()).isEqualTo(2);
    assertThat(group.err()).contains("a keys subcommand is required");
  }
}
