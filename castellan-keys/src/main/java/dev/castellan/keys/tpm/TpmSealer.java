package dev.castellan.keys.tpm;

import dev.castellan.attestation.tpm.Tpm2Tools;
import dev.castellan.attestation.tpm.Tpm2ToolsException;
import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.keys.Sealer;
import dev.castellan.keys.UnsealException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link Sealer} that seals to a TPM 2.0 PCR policy through {@code tpm2-tools}: the secret
 * becomes a sealed data object under the owner hierarchy's storage primary key, with an
 * authPolicy of one TPM2_PolicyPCR over the chosen SHA-256 PCRs as they are at sealing.
 *
 * <p>Contract: {@link #unseal} MUST fail with {@link UnsealException} when a selected PCR no
 * longer holds its value at sealing (the message names the PCR: "the PCR policy no longer
 * matches"), when the blob was sealed by another TPM or altered, or when the TPM cannot be
 * used; no message holds the secret. The secret reaches tpm2-tools only through standard
 * input ({@code tpm2_create -i -}) and leaves only through standard output ({@code
 * tpm2_unseal}): never on a command line, never in a file, never logged. The TPM enforces the
 * policy; this class reads the PCRs first only to say which one changed.
 *
 * <p>The storage primary key is re-created on every call from a fixed template (ECC P-256,
 * AES-128-CFB, SHA-256; the TCG provisioning guidance's SRK template), so nothing is made
 * persistent in the TPM, and the same TPM re-derives the same key until its owner seed is
 * cleared. The owner hierarchy's auth value must be empty (the default).
 *
 * <p>Sealing gives confidentiality, not authenticity: anyone who can use the TPM can seal a
 * secret of their choosing to the same PCRs. Whoever may replace the sealed file can plant a
 * key; protect the file's location accordingly.
 */
public final class TpmSealer implements Sealer {
  /** A sealed data object holds at most MAX_SYM_DATA = 128 bytes (TPM 2.0 Library Part 2, 10.4.3). */
  public static final int MAX_SECRET = 128;
  /** The kernel's TPM resource manager, the TCTI on a real machine. */
  public static final String DEVICE_TCTI = "device:/dev/tpmrm0";
  /** Firmware code (0) and the Secure Boot policy (7): a secure default for a disk key. */
  public static final PcrSelection DEFAULT_PCRS = PcrSelection.of(0, 7);
  private static final String PRIMARY_ALGORITHM = "ecc256:aes128cfb";
  private static final String PRIMARY_ATTRIBUTES =
      "restricted|decrypt|fixedtpm|fixedparent|sensitivedataorigin|userwithauth|noda";
  /** TPM_RC_INTEGRITY: the private part does not verify under this parent (another seed, or altered). */
  private static final int RC_INTEGRITY = 0x09F;
  /** TPM_RC_POLICY_FAIL: the policy session's digest is not the object's authPolicy. */
  private static final int RC_POLICY_FAIL = 0x09D;

  /**
   * Sealer options.
   *
   * @param tcti the TPM, as tpm2-tools' TCTI: {@code device:/dev/tpmrm0}, {@code swtpm:host=…,port=…}
   * @param pcrs the SHA-256 PCRs {@link #seal} binds to ({@link #unseal} uses the blob's own)
   * @param commandTimeout the longest any one tpm2-tools command may run
   * @param toolDirectory where tpm2-tools are, or empty to search {@code PATH}
   */
  public record Options(String tcti, PcrSelection pcrs, Duration commandTimeout, Optional<Path> toolDirectory) {
    public Options {
      Objects.requireNonNull(tcti, "tcti");
      Objects.requireNonNull(pcrs, "pcrs");
      Objects.requireNonNull(commandTimeout, "commandTimeout");
      Objects.requireNonNull(toolDirectory, "toolDirectory");
    }

    /** {@code tcti} and {@code pcrs}, {@link Tpm2Tools#DEFAULT_TIMEOUT} per command, tools on {@code PATH}. */
    public static Options of(String tcti, PcrSelection pcrs) {
      return new Options(tcti, pcrs, Tpm2Tools.DEFAULT_TIMEOUT, Optional.empty());
    }

    public Options withCommandTimeout(Duration timeout) {
      return new Options(tcti, pcrs, timeout, toolDirectory);
    }

    public Options withToolDirectory(Path directory) {
      return new Options(tcti, pcrs, commandTimeout, Optional.of(directory));
    }
  }

  private final Options options;
  private final Tpm2Tools tools;

  private TpmSealer(Options options) {
    this.options = options;
    Tpm2Tools base = Tpm2Tools.create(options.tcti(), options.commandTimeout());
    this.tools = options.toolDirectory().map(base::withToolDirectory).orElse(base);
  }

  public static TpmSealer create(Options options) {
    return new TpmSealer(Objects.requireNonNull(options, "options"));
  }

  /** A sealer on {@code tcti} binding to the SHA-256 PCRs {@code pcrs}: {@code create("device:/dev/tpmrm0", List.of(0, 7))}. */
  public static TpmSealer create(String tcti, List<Integer> pcrs) {
    return create(Options.of(tcti, new PcrSelection(pcrs)));
  }

  public Options options() {
    return options;
  }

  /**
   * Seals {@code secret} (1..{@value #MAX_SECRET} bytes) to the configured PCRs as they are now.
   *
   * @throws TpmSealException if tpm2-tools or the TPM cannot be used, or the TPM answers unexpectedly
   */
  @Override
  public byte[] seal(SecretBytes secret) throws TpmSealException {
    if (secret.size() < 1 || secret.size() > MAX_SECRET) {
      throw new IllegalArgumentException("a TPM seals 1.." + MAX_SECRET + " bytes, not " + secret.size());
    }
    PcrSelection pcrs = options.pcrs();
    try (WorkDirectory dir = WorkDirectory.create()) {
      Path primary = createPrimary(dir);
      byte[] values = readPcrs(dir, pcrs);
      byte[] policy = PcrPolicy.digest(pcrs, values);
      // Computed here rather than by tpm2_createpolicy, which leaves its trial session loaded
      // on a TPM without a resource manager; the TPM checks it against its own PolicyPCR at unseal.
      Path policyFile = dir.resolve("policy.digest");
      Files.write(policyFile, policy);
      Path publicFile = dir.resolve("sealed.pub");
      Path privateFile = dir.resolve("sealed.priv");
      byte[] plaintext = secret.toByteArray();
      try {
        tools.runWithInput(plaintext, "tpm2_create", "-C", primary.toString(), "-g", "sha256",
            "-a", SealedDataObject.TOOL_ATTRIBUTES, "-L", policyFile.toString(), "-i", "-",
            "-u", publicFile.toString(), "-r", privateFile.toString());
      } finally {
        Arrays.fill(plaintext, (byte) 0);
      }
      byte[] publicArea = TpmFiles.read(publicFile, TpmSealedBlob.MAX_TPM2B + 2);
      SealedDataObject object;
      try {
        object = SealedDataObject.parse(publicArea);
      } catch (UnsealException e) {
        throw new TpmSealException("tpm2_create wrote an object Castellan cannot unseal: " + e.getMessage(), e);
      }
      if (!MessageDigest.isEqual(object.authPolicy(), policy)) {
        throw new TpmSealException("the TPM created the sealed object with another policy than requested", null);
      }
      return new TpmSealedBlob(pcrs, values, publicArea, TpmFiles.read(privateFile, TpmSealedBlob.MAX_TPM2B + 2))
          .encode();
    } catch (Tpm2ToolsException e) {
      throw new TpmSealException("cannot seal to the TPM: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new TpmSealException("cannot seal to the TPM: " + TpmFiles.describe(e), e);
    }
  }

  /**
   * Unseals a blob from {@link #seal}, on the TPM that sealed it, while its PCRs (the blob's
   * selection) hold the values they held at sealing.
   */
  @Override
  public SecretBytes unseal(byte[] sealed) throws UnsealException {
    TpmSealedBlob blob = TpmSealedBlob.parse(sealed);
    SealedDataObject object = SealedDataObject.parse(blob.publicArea());
    if (!MessageDigest.isEqual(object.authPolicy(), PcrPolicy.digest(blob.pcrs(), blob.pcrValues()))) {
      throw new UnsealException("the TPM-sealed key is malformed: the PCR values it records are not those of its policy");
    }
    try (WorkDirectory dir = WorkDirectory.create()) {
      PcrChanges.requireUnchanged(blob, readPcrs(dir, blob.pcrs()));
      Path objectContext = load(dir, blob);
      return unsealInPolicySession(dir, blob.pcrs(), objectContext);
    } catch (Tpm2ToolsException e) {
      throw new UnsealException("cannot unseal with the TPM: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UnsealException("cannot unseal with the TPM: " + TpmFiles.describe(e), e);
    }
  }

  private Path createPrimary(WorkDirectory dir) throws Tpm2ToolsException {
    Path primary = dir.resolve("primary.ctx");
    tools.run("tpm2_createprimary", "-C", "o", "-g", "sha256", "-G", PRIMARY_ALGORITHM,
        "-a", PRIMARY_ATTRIBUTES, "-c", primary.toString());
    return primary;
  }

  /** The current values of {@code pcrs}, concatenated in ascending order; also left in pcrs.bin. */
  private byte[] readPcrs(WorkDirectory dir, PcrSelection pcrs) throws IOException {
    Path file = dir.resolve("pcrs.bin");
    tools.run("tpm2_pcrread", pcrs.toolArgument(), "-o", file.toString());
    byte[] values = TpmFiles.read(file, pcrs.size() * PcrPolicy.DIGEST_SIZE);
    if (values.length != pcrs.size() * PcrPolicy.DIGEST_SIZE) {
      throw new IOException("tpm2_pcrread returned " + values.length + " bytes for PCRs " + pcrs
          + " (is the SHA-256 bank allocated?)");
    }
    return values;
  }

  private Path load(WorkDirectory dir, TpmSealedBlob blob) throws IOException, UnsealException {
    Path publicFile = dir.resolve("sealed.pub");
    Path privateFile = dir.resolve("sealed.priv");
    Files.write(publicFile, blob.publicArea());
    Files.write(privateFile, blob.privateArea());
    Path primary = createPrimary(dir);
    Path context = dir.resolve("sealed.ctx");
    try {
      tools.run("tpm2_load", "-C", primary.toString(), "-u", publicFile.toString(),
          "-r", privateFile.toString(), "-c", context.toString());
      return context;
    } catch (Tpm2ToolsException e) {
      if (e.isTpmError(RC_INTEGRITY)) {
        throw new UnsealException("the TPM-sealed key does not load on this TPM: it was sealed by another TPM,"
            + " the TPM was cleared since (a new owner seed), or the blob was altered", e);
      }
      if (e.reason() == Tpm2ToolsException.Reason.FAILED) {
        throw new UnsealException("the TPM refuses to load the sealed key (" + e.getMessage() + ")", e);
      }
      throw e;
    }
  }

  private SecretBytes unsealInPolicySession(WorkDirectory dir, PcrSelection pcrs, Path objectContext)
      throws Tpm2ToolsException, UnsealException {
    Path session = dir.resolve("session.ctx");
    tools.run("tpm2_startauthsession", "--policy-session", "-S", session.toString());
    try {
      tools.run("tpm2_policypcr", "-S", session.toString(), "-l", pcrs.toolArgument());
      byte[] secret = tools.run("tpm2_unseal", "-p", "session:" + session, "-c", objectContext.toString());
      try {
        return SecretBytes.copyOf(secret);
      } finally {
        Arrays.fill(secret, (byte) 0);
      }
    } catch (Tpm2ToolsException e) {
      if (e.isTpmError(RC_POLICY_FAIL)) {
        throw new UnsealException("the PCR policy no longer matches: a selected PCR (" + pcrs
            + ") changed while unsealing; the TPM refused (a policy check failed)", e);
      }
      throw e;
    } finally {
      flushQuietly(session);
    }
  }

  /** Policy sessions outlive the tool without a resource manager; a failure here must not hide the real one. */
  private void flushQuietly(Path session) {
    if (Files.exists(session)) {
      try {
        tools.run("tpm2_flushcontext", session.toString());
      } catch (Tpm2ToolsException e) {
        // Already flushed (tpm2_unseal ends a session it does not continue), or the TPM is gone.
      }
    }
  }
}
