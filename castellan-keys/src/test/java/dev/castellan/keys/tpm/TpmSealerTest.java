package dev.castellan.keys.tpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.tpm.Tpm2Tools;
import dev.castellan.attestation.tpm.Tpm2ToolsException;
import dev.castellan.core.bytes.Hex;
import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.keys.SealedKeyStore;
import dev.castellan.keys.UnsealException;
import dev.castellan.testkit.Failures;
import dev.castellan.testkit.Swtpm;
import dev.castellan.testkit.SwtpmExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** TpmSealer against a real software TPM started by the test. */
class TpmSealerTest {
  @RegisterExtension static final SwtpmExtension SWTPM = new SwtpmExtension();
  private static final SecureRandom RANDOM = new SecureRandom();

  private static SecretBytes secret(int size) {
    byte[] bytes = new byte[size];
    RANDOM.nextBytes(bytes);
    return SecretBytes.copyOf(bytes);
  }

  private static Tpm2Tools tools() {
    return Tpm2Tools.create(SWTPM.tcti(), Tpm2Tools.DEFAULT_TIMEOUT);
  }

  /** Extends SHA-256 PCR {@code pcr} with a digest of {@code byte}: a new measurement. */
  private static void extend(int pcr, int value) throws Exception {
    byte[] digest = new byte[32];
    digest[31] = (byte) value;
    tools().run("tpm2_pcrextend", pcr + ":sha256=" + Hex.encode(digest));
  }

  @Test
  void seal_thenUnseal_returnsTheSecret_andTheBlobHoldsNoSecret() throws Exception {
    TpmSealer sealer = TpmSealer.create(SWTPM.tcti(), List.of(0, 7, 16));
    for (int size : new int[] {1, 32, TpmSealer.MAX_SECRET}) {
      SecretBytes key = secret(size);
      byte[] blob = sealer.seal(key);
      TpmSealedBlob parsed = TpmSealedBlob.parse(blob);
      assertThat(parsed.pcrs()).isEqualTo(PcrSelection.of(0, 7, 16));
      assertThat(SealedDataObject.parse(parsed.publicArea()).attributes())
          .isEqualTo(SealedDataObject.FIXED_TPM | SealedDataObject.FIXED_PARENT
              | SealedDataObject.ADMIN_WITH_POLICY | SealedDataObject.NO_DA);
      if (size >= 16) {
        assertThat(Hex.encode(blob)).doesNotContain(Hex.encode(key.toByteArray()));
      }
      assertThat(sealer.unseal(blob).equalsSecretBytes(key)).as("%d bytes", size).isTrue();
    }
    // swtpm has no resource manager: a session left behind by each call would exhaust its three slots.
    assertThat(tools().run("tpm2_getcap", "handles-loaded-session")).isEmpty();
    assertThat(tools().run("tpm2_getcap", "handles-saved-session")).isEmpty();
  }

  @Test
  void unseal_afterExtendingASealedPcr_failsNamingThePcr() throws Exception {
    TpmSealer sealer = TpmSealer.create(SWTPM.tcti(), List.of(7, 16));
    SecretBytes key = secret(32);
    byte[] blob = sealer.seal(key);
    byte[] before = TpmSealedBlob.parse(blob).pcrValue(16);
    extend(16, 1);
    assertThatThrownBy(() -> sealer.unseal(blob))
        .isInstanceOf(UnsealException.class)
        .hasMessageStartingWith("the PCR policy no longer matches: PCR 16 changed since sealing (sealed sha256:"
            + Hex.encode(before) + ", now sha256:")
        .hasMessageNotContaining("PCR 7")
        .hasMessageNotContaining(Hex.encode(key.toByteArray()));
  }

  /**
   * The policy is the TPM's, not only this class's check: after the extend the TPM itself
   * refuses the policy session, and the empty auth value (no policy) never unseals the object.
   */
  @Test
  void sealedObject_tpmEnforcesThePolicy_withoutCastellansPrecheck(@TempDir Path dir) throws Exception {
    TpmSealedBlob blob = TpmSealedBlob.parse(TpmSealer.create(SWTPM.tcti(), List.of(23)).seal(secret(32)));
    Tpm2Tools tools = tools();
    Files.write(dir.resolve("pub"), blob.publicArea());
    Files.write(dir.resolve("priv"), blob.privateArea());
    tools.run("tpm2_createprimary", "-C", "o", "-g", "sha256", "-G", "ecc256:aes128cfb",
        "-a", "restricted|decrypt|fixedtpm|fixedparent|sensitivedataorigin|userwithauth|noda",
        "-c", dir.resolve("primary.ctx").toString());
    tools.run("tpm2_load", "-C", dir.resolve("primary.ctx").toString(), "-u", dir.resolve("pub").toString(),
        "-r", dir.resolve("priv").toString(), "-c", dir.resolve("sealed.ctx").toString());
    assertThatThrownBy(() -> tools.run("tpm2_unseal", "-c", dir.resolve("sealed.ctx").toString()))
        .isInstanceOf(Tpm2ToolsException.class).hasMessageContaining("tpm2_unseal failed");
    extend(23, 2);
    String session = dir.resolve("session.ctx").toString();
    tools.run("tpm2_startauthsession", "--policy-session", "-S", session);
    tools.run("tpm2_policypcr", "-S", session, "-l", "sha256:23");
    assertThatThrownBy(() -> tools.run("tpm2_unseal", "-p", "session:" + session, "-c",
            dir.resolve("sealed.ctx").toString()))
        .isInstanceOfSatisfying(Tpm2ToolsException.class, e -> assertThat(e.isTpmError(0x09d)).isTrue());
    tools.run("tpm2_flushcontext", session);
  }

  @Test
  void unseal_blobFromAnotherTpm_failsAsNotLoadingHere() throws Exception {
    byte[] blob;
    try (Swtpm other = Swtpm.start()) {
      blob = TpmSealer.create(other.tcti(), List.of(0, 7)).seal(secret(32));
    }
    assertThatThrownBy(() -> TpmSealer.create(SWTPM.tcti(), List.of(0, 7)).unseal(blob))
        .isInstanceOf(UnsealException.class)
        .hasMessageStartingWith("the TPM-sealed key does not load on this TPM: it was sealed by another TPM");
  }

  @Test
  void unseal_corruptedBlob_failsCleanlyWithoutTheSecret() throws Exception {
    TpmSealer sealer = TpmSealer.create(SWTPM.tcti(), List.of(0, 7));
    SecretBytes key = secret(32);
    byte[] good = sealer.seal(key);
    int publicStart = 11 + 64;
    int privateStart = publicStart + 2 + ((good[publicStart] & 0xff) << 8 | (good[publicStart + 1] & 0xff));
    record Case(String name, int offset, String message) {}
    List<Case> cases = List.of(
        new Case("recorded PCR value", 20, "the PCR values it records are not those of its policy"),
        new Case("public: authPolicy", publicStart + 2 + 12, "the PCR values it records are not those of its policy"),
        new Case("public: unique", privateStart - 1, "does not load on this TPM"),
        new Case("private: integrity HMAC", privateStart + 10, "does not load on this TPM"),
        new Case("private: encrypted sensitive area", good.length - 1, "does not load on this TPM"),
        new Case("magic", 0, "malformed: not a CTPM blob"));
    Failures failures = new Failures();
    for (Case c : cases) {
      byte[] bad = good.clone();
      bad[c.offset()] ^= 0x01;
      failures.check(c.name(), () -> assertThatThrownBy(() -> sealer.unseal(bad))
          .isInstanceOf(UnsealException.class)
          .hasMessageContaining(c.message())
          .hasMessageNotContaining(Hex.encode(key.toByteArray())));
    }
    failures.check("truncated", () -> assertThatThrownBy(() -> sealer.unseal(Arrays.copyOf(good, 50)))
        .isInstanceOf(UnsealException.class).hasMessageContaining("malformed: truncated"));
    failures.assertNone(cases.size() + 1);
    assertThat(sealer.unseal(good).equalsSecretBytes(key)).isTrue();
  }

  @Test
  void sealedKeyStore_overTheTpm_generatesOnceThenUnseals(@TempDir Path dir) throws Exception {
    TpmSealer sealer = TpmSealer.create(SWTPM.tcti(), List.of(0, 7));
    SealedKeyStore.Loaded first = new SealedKeyStore(dir.resolve("disk.sealed"), sealer).loadOrGenerate(() -> secret(32));
    SealedKeyStore.Loaded second = new SealedKeyStore(dir.resolve("disk.sealed"), sealer).loadOrGenerate(() -> secret(32));
    assertThat(first.created()).isTrue();
    assertThat(second.created()).isFalse();
    assertThat(second.secret().equalsSecretBytes(first.secret())).isTrue();
  }

  @Test
  void seal_secretOverMaxSymData_refused() {
    TpmSealer sealer = TpmSealer.create(SWTPM.tcti(), List.of(0));
    assertThatThrownBy(() -> sealer.seal(secret(TpmSealer.MAX_SECRET + 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1..128 bytes");
  }

  @Test
  void sealAndUnseal_unreachableTpm_sayWhatIsMissing() throws Exception {
    byte[] blob = TpmSealer.create(SWTPM.tcti(), List.of(0)).seal(secret(32));
    String tcti = Swtpm.unreachableTcti();
    TpmSealer nowhere = TpmSealer.create(tcti, List.of(0));
    assertThatThrownBy(() -> nowhere.seal(secret(32)))
        .isInstanceOf(TpmSealException.class)
        .hasMessageStartingWith("cannot seal to the TPM: cannot reach the TPM at TCTI " + tcti + ": ");
    assertThatThrownBy(() -> nowhere.unseal(blob))
        .isInstanceOf(UnsealException.class)
        .hasMessageStartingWith("cannot unseal with the TPM: cannot reach the TPM at TCTI " + tcti + ": ")
        .hasCauseInstanceOf(Tpm2ToolsException.class);
    TpmSealer noDevice = TpmSealer.create("device:/dev/castellan-no-such-tpm", List.of(0));
    assertThatThrownBy(() -> noDevice.unseal(blob))
        .isInstanceOf(UnsealException.class).hasMessageContaining("no TPM device at /dev/castellan-no-such-tpm");
  }

  @Test
  void seal_toolsNotInstalled_namesTheTool(@TempDir Path empty) {
    TpmSealer sealer = TpmSealer.create(TpmSealer.Options.of(SWTPM.tcti(), PcrSelection.of(0)).withToolDirectory(empty));
    assertThatThrownBy(() -> sealer.seal(secret(32)))
        .isInstanceOf(TpmSealException.class)
        .hasMessage("cannot seal to the TPM: tpm2_createprimary is not installed in " + empty
            + " (tpm2-tools; Debian: apt-get install tpm2-tools)");
  }
}
