package dev.castellan.cli.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.attestation.tpm.Tpm2Tools;
import dev.castellan.cli.Cli;
import dev.castellan.core.bytes.Hex;
import dev.castellan.keys.tpm.PcrSelection;
import dev.castellan.keys.tpm.TpmSealedBlob;
import dev.castellan.testkit.Swtpm;
import dev.castellan.testkit.SwtpmExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code castellan keys tpm seal|unseal} against a real swtpm started by the test. */
class KeysTpmCommandTest {
  @RegisterExtension static final SwtpmExtension SWTPM = new SwtpmExtension();
  @TempDir Path dir;

  private static byte[] randomKey(int size) {
    byte[] key = new byte[size];
    new SecureRandom().nextBytes(key);
    return key;
  }

  /** Runs the command with {@code stdin} as standard input; returns its raw standard output. */
  private static byte[] runWithStreams(byte[] stdin, String... args) {
    InputStream savedIn = System.in;
    PrintStream savedOut = System.out;
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    try {
      System.setIn(new ByteArrayInputStream(stdin));
      System.setOut(new PrintStream(raw, true));
      Cli result = Cli.run(args);
      assertThat(result.exitCode()).as(result.toString()).isZero();
      return raw.toByteArray();
    } finally {
      System.setIn(savedIn);
      System.setOut(savedOut);
    }
  }

  @Test
  void sealThenUnseal_keyFromFile_writesTheSameKeyAsA0600Keyfile() throws Exception {
    byte[] key = randomKey(64);
    Path keyIn = Files.write(dir.resolve("key.in"), key);
    Path blob = dir.resolve("disk.ctpm");
    Cli seal = Cli.run("keys", "tpm", "seal", "--tcti", SWTPM.tcti(), "--pcrs", "0,7", "--in", keyIn.toString(),
        "--out", blob.toString());
    assertThat(seal.exitCode()).as(seal.toString()).isZero();
    assertThat(seal.out()).startsWith("sealed a 64-byte key to PCRs sha256:0,7 of the TPM at " + SWTPM.tcti());
    assertThat(TpmSealedBlob.parse(Files.readAllBytes(blob)).pcrs()).isEqualTo(PcrSelection.of(0, 7));
    assertThat(Hex.encode(Files.readAllBytes(blob))).doesNotContain(Hex.encode(key));

    Path keyfile = dir.resolve("disk.key");
    Cli unseal = Cli.run("keys", "tpm", "unseal", "--tcti", SWTPM.tcti(), "--in", blob.toString(),
        "--out", keyfile.toString());
    assertThat(unseal.exitCode()).as(unseal.toString()).isZero();
    assertThat(unseal.out()).isEmpty();
    assertThat(unseal.err()).contains("wrote a 64-byte key to " + keyfile + " (0600)");
    assertThat(Files.readAllBytes(keyfile)).isEqualTo(key);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyfile))).isEqualTo("rw-------");
  }

  @Test
  void seal_generatedKeyFromNothing_unsealsToStandardOutput() throws Exception {
    Path blob = dir.resolve("generated.ctpm");
    runWithStreams(new byte[0], "keys", "tpm", "seal", "--tcti", SWTPM.tcti(), "--size", "64", "--out", blob.toString());
    byte[] first = runWithStreams(new byte[0], "keys", "tpm", "unseal", "--tcti", SWTPM.tcti(), "--in", blob.toString(),
        "--out", "-");
    byte[] second = runWithStreams(new byte[0], "keys", "tpm", "unseal", "--tcti", SWTPM.tcti(), "--in", blob.toString(),
        "--out", "-");
    assertThat(first).hasSize(64).isEqualTo(second);
  }

  @Test
  void seal_keyFromStandardInput_roundTrips() {
    byte[] key = randomKey(32);
    Path blob = dir.resolve("stdin.ctpm");
    runWithStreams(key, "keys", "tpm", "seal", "--tcti", SWTPM.tcti(), "--in", "-", "--out", blob.toString());
    assertThat(runWithStreams(new byte[0], "keys", "tpm", "unseal", "--tcti", SWTPM.tcti(), "--in", blob.toString(),
        "--out", "-")).isEqualTo(key);
  }

  @Test
  void unseal_afterTheSealedPcrWasExtended_failsNamingThePcr() throws Exception {
    Path blob = dir.resolve("pcr16.ctpm");
    assertThat(Cli.run("keys", "tpm", "seal", "--tcti", SWTPM.tcti(), "--pcrs", "16", "--out", blob.toString())
        .exitCode()).isZero();
    Tpm2Tools.create(SWTPM.tcti(), Tpm2Tools.DEFAULT_TIMEOUT).run("tpm2_pcrextend", "16:sha256=" + "ab".repeat(32));
    Path keyfile = dir.resolve("never.key");
    Cli unseal = Cli.run("keys", "tpm", "unseal", "--tcti", SWTPM.tcti(), "--in", blob.toString(), "--out", keyfile.toString());
    assertThat(unseal.exitCode()).isEqualTo(1);
    assertThat(unseal.err()).startsWith("castellan keys tpm unseal: " + blob
        + ": the PCR policy no longer matches: PCR 16 changed since sealing");
    assertThat(unseal.err().lines()).hasSize(1);
    assertThat(keyfile).doesNotExist();
  }

  @Test
  void unreachableTpm_isOneLineNamingTheTcti() throws Exception {
    String tcti = Swtpm.unreachableTcti();
    Cli seal = Cli.run("keys", "tpm", "seal", "--tcti", tcti, "--out", dir.resolve("x.ctpm").toString());
    assertThat(seal.exitCode()).isEqualTo(1);
    assertThat(seal.err().strip()).startsWith("castellan keys tpm seal: cannot seal to the TPM: cannot reach the TPM at TCTI " + tcti);
    assertThat(dir.resolve("x.ctpm")).doesNotExist();

    Path blob = dir.resolve("real.ctpm");
    assertThat(Cli.run("keys", "tpm", "seal", "--tcti", SWTPM.tcti(), "--out", blob.toString()).exitCode()).isZero();
    Cli plain = Cli.run("keys", "tpm", "unseal", "--tcti", tcti, "--in", blob.toString(), "--out", dir.resolve("k").toString());
    assertThat(plain.exitCode()).isEqualTo(1);
    assertThat(plain.err()).contains(": cannot unseal with the TPM: cannot reach the TPM at TCTI " + tcti);
  }

  @Test
  void usageErrors_exitTwoBeforeTouchingTheTpm() throws Exception {
    Path existing = Files.write(dir.resolve("existing.ctpm"), new byte[] {1});
    String unreachable = "device:/dev/castellan-no-such-tpm";
    assertThat(Cli.run("keys", "tpm", "seal", "--tcti", unreachable, "--out", existing.toString()).err())
        .startsWith("castellan keys tpm seal: --out " + existing + " exists; a sealed key file is never overwritten");
    assertThat(Cli.run("keys", "tpm", "seal", "--tcti", unreachable, "--pcrs", "24", "--out", dir.resolve("a").toString())
        .exitCode()).isEqualTo(2);
    assertThat(Cli.run("keys", "tpm", "seal", "--tcti", unreachable, "--size", "16", "--out", dir.resolve("a").toString())
        .exitCode()).isEqualTo(2);
    assertThat(Cli.run("keys", "tpm", "seal", "--tcti", unreachable, "--size", "32", "--in", "-", "--out",
        dir.resolve("a").toString()).exitCode()).isEqualTo(2);
    assertThat(Cli.run("keys", "tpm", "seal", "--tcti", "device:\u0007", "--out", dir.resolve("a").toString()).err())
        .startsWith("castellan keys tpm seal: --tcti: a TCTI is 1..256 printable ASCII characters");
    assertThat(Cli.run("keys", "tpm").exitCode()).isEqualTo(2);
    assertThat(Cli.run("keys").exitCode()).isEqualTo(2);
    Cli noDevice = Cli.run("keys", "tpm", "seal", "--tcti", unreachable, "--out", dir.resolve("a").toString());
    assertThat(noDevice.exitCode()).isEqualTo(1);
    assertThat(noDevice.err().strip()).isEqualTo("castellan keys tpm seal: cannot seal to the TPM: no TPM device at /dev/castellan-no-such-tpm");
  }

  @Test
  void unseal_notABlob_failsAsMalformed() throws Exception {
    Path bogus = Files.write(dir.resolve("bogus.ctpm"), "not sealed".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    Cli unseal = Cli.run("keys", "tpm", "unseal", "--tcti", SWTPM.tcti(), "--in", bogus.toString(), "--out", "-");
    assertThat(unseal.exitCode()).isEqualTo(1);
    assertThat(unseal.err().strip()).isEqualTo("castellan keys tpm unseal: " + bogus
        + ": the TPM-sealed key is malformed: not a CTPM blob");
  }
}
