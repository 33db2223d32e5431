package dev.castellan.attestation.tpm;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.Attester;
import dev.castellan.attestation.DeviceUnavailableException;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.FreshnessException;
import dev.castellan.attestation.Platform;
import dev.castellan.core.bytes.Hex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A TPM 2.0 {@link Attester} that runs {@code tpm2-tools} against a TPM given by its TCTI:
 * a kernel device ({@code device:/dev/tpmrm0}) or a software TPM ({@code
 * swtpm:host=127.0.0.1,port=2321}).
 *
 * <p>The attestation key is a restricted signing primary key under the endorsement hierarchy
 * ({@code tpm2_createprimary -C e}), so it is re-derived identically on every call and can
 * only sign TPM-generated structures. Each {@link #attest} quotes the configured SHA-256 PCRs
 * with the challenge as {@code extraData} and returns {@link TpmEvidence} carrying the AK as
 * SubjectPublicKeyInfo; the AK has no certificate here, so a verifier must trust it out of
 * band (or by a hardware binding). A challenge MUST be 1..64 bytes (TPM2B_DATA); it is never
 * padded or truncated. An absent device or absent {@code tpm2-tools} raises {@link
 * DeviceUnavailableException} naming what is missing.
 */
public final class TpmAttester implements Attester {
  /** The kernel's TPM resource manager device. */
  public static final Path DEVICE = Path.of("/dev/tpmrm0");
  private static final String AK_ATTRIBUTES =
      "fixedtpm|fixedparent|sensitivedataorigin|userwithauth|restricted|sign";

  /** The AK's algorithm and signature scheme. */
  public enum AkAlgorithm {
    ECC_P256("ecc256:ecdsa-sha256:null"),
    RSA_2048("rsa2048:rsassa-sha256:null");

    private final String spec;

    AkAlgorithm(String spec) {
      this.spec = spec;
    }
  }

  /**
   * Attester options.
   *
   * @param tcti the TCTI string passed to tpm2-tools ({@code TPM2TOOLS_TCTI})
   * @param sha256Pcrs the SHA-256 PCR indices to quote (0..23)
   * @param akAlgorithm the AK algorithm
   * @param commandTimeout the longest any one tpm2-tools command may run
   */
  public record Options(String tcti, List<Integer> sha256Pcrs, AkAlgorithm akAlgorithm,
      Duration commandTimeout) {
    public Options {
      Objects.requireNonNull(tcti, "tcti");
      sha256Pcrs = List.copyOf(sha256Pcrs);
      if (sha256Pcrs.isEmpty() || sha256Pcrs.stream().anyMatch(i -> i < 0 || i > 23)) {
        throw new IllegalArgumentException("sha256Pcrs must list PCR indices 0..23");
      }
      Objects.requireNonNull(akAlgorithm, "akAlgorithm");
      Objects.requireNonNull(commandTimeout, "commandTimeout");
    }

    /** All 24 SHA-256 PCRs, an ECC P-256 AK, 10 s per command. */
    public static Options of(String tcti) {
      return new Options(tcti, java.util.stream.IntStream.range(0, 24).boxed().toList(),
          AkAlgorithm.ECC_P256, Tpm2Tools.DEFAULT_TIMEOUT);
    }

    public Options withPcrs(List<Integer> pcrs) {
      return new Options(tcti, pcrs, akAlgorithm, commandTimeout);
    }

    public Options withAkAlgorithm(AkAlgorithm algorithm) {
      return new Options(tcti, sha256Pcrs, algorithm, commandTimeout);
    }
  }

  private final Options options;
  private final Tpm2Tools tools;

  private TpmAttester(Options options) {
    this.options = options;
    this.tools = Tpm2Tools.create(options.tcti(), options.commandTimeout());
  }

  public static TpmAttester create(Options options) {
    return new TpmAttester(Objects.requireNonNull(options, "options"));
  }

  /** The TCTI of the local TPM device, if {@link #DEVICE} exists. */
  public static Optional<String> deviceTcti() {
    return Files.exists(DEVICE) ? Optional.of("device:" + DEVICE) : Optional.empty();
  }

  @Override
  public Platform platform() {
    return Platform.TPM;
  }

  @Override
  public Evidence attest(byte[] challenge) throws AttestationException {
    if (challenge.length == 0 || challenge.length > 64) {
      throw new FreshnessException("tpm.attester.challenge",
          "a TPM quote carries 1..64 bytes of extraData", "1..64 bytes",
          challenge.length + " bytes");
    }
    Path dir = workDirectory();
    try {
      Path ak = dir.resolve("ak.ctx");
      Path akPublic = dir.resolve("ak.pub");
      Path message = dir.resolve("quote.msg");
      Path signature = dir.resolve("quote.sig");
      Path pcrs = dir.resolve("pcrs.bin");
      run("tpm2_createprimary", "-C", "e", "-G", options.akAlgorithm().spec, "-a",
          AK_ATTRIBUTES, "-c", ak.toString());
      run("tpm2_readpublic", "-c", ak.toString(), "-o", akPublic.toString());
      run("tpm2_quote", "-c", ak.toString(), "-l", "sha256:" + options.sha256Pcrs().stream()
              .map(String::valueOf).collect(Collectors.joining(",")),
          "-q", Hex.encode(challenge), "-m", message.toString(), "-s", signature.toString(),
          "-o", pcrs.toString(), "-F", "values", "-g", "sha256");
      byte[] attest = Files.readAllBytes(message);
      byte[] values = Files.readAllBytes(pcrs);
      TpmsAttest parsed = TpmsAttest.parse(attest);
      List<byte[]> pcrValues = new ArrayList<>();
      int offset = 0;
      for (TpmsAttest.PcrSelection selection : parsed.selections()) {
        int size = TpmHash.of(selection.hashAlg()).size;
        for (int i = 0; i < selection.pcrs().size(); i++, offset += size) {
          if (offset + size > values.length) {
            throw new DeviceUnavailableException("tpm.attester", "tpm2_quote wrote too few PCR values");
          }
          pcrValues.add(Arrays.copyOfRange(values, offset, offset + size));
        }
      }
      TpmEvidence evidence = new TpmEvidence(
          List.of(new TpmQuote(attest, Files.readAllBytes(signature), pcrValues)),
          Optional.of(TpmtPublic.toPublicKey(Files.readAllBytes(akPublic))), List.of());
      return Evidence.of(Platform.TPM, evidence.encode());
    } catch (IOException e) {
      throw new DeviceUnavailableException("tpm.attester", "cannot read tpm2-tools output", e);
    } catch (TpmException e) {
      throw new DeviceUnavailableException("tpm.attester",
          "the TPM produced a quote this verifier cannot parse", e);
    } finally {
      delete(dir);
    }
  }

  /** Extends SHA-256 PCR {@code index} with {@code digest} (32 bytes): a measurement. */
  public void extendPcr(int index, byte[] digest) throws AttestationException {
    if (index < 0 || index > 23 || digest.length != 32) {
      throw new IllegalArgumentException("PCR index 0..23 and a 32-byte SHA-256 digest required");
    }
    run("tpm2_pcrextend", index + ":sha256=" + Hex.encode(digest));
  }

  private void run(String tool, String... args) throws DeviceUnavailableException {
    try {
      tools.run(tool, args);
    } catch (Tpm2ToolsException e) {
      throw new DeviceUnavailableException("tpm.attester", e.getMessage(), e);
    }
  }

  private static Path workDirectory() throws DeviceUnavailableException {
    try {
      return Files.createTempDirectory("castellan-tpm-");
    } catch (IOException e) {
      throw new DeviceUnavailableException("tpm.attester", "cannot create a work directory", e);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // Best effort: the directory holds only public TPM outputs (no secrets).
    }
  }
}
