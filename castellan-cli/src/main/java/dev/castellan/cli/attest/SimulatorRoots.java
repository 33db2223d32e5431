package dev.castellan.cli.attest;

import dev.castellan.attestation.PinnedCertificate;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.simulator.SimulatorHome;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The simulator's roots read from a data directory, strictly read-only: unlike {@link
 * SimulatorHome#open}, this never creates a simulator (or reads its device secret). A
 * verifier needs only the public certificates: {@code simulator/nitro/root.crt}, {@code
 * simulator/sev-snp/ark.crt} with {@code ask.crt}, {@code simulator/tdx/root.crt} and {@code
 * simulator/gpu/root.crt}. Every root is pinned as simulated, so results chaining to it are
 * labelled simulated.
 */
public final class SimulatorRoots {
  private static final long MAX_CERTIFICATE_BYTES = 64 * 1024;

  private SimulatorRoots() {}

  /**
   * The roots for {@code platform} in {@code dataDirectory}, which must hold them.
   *
   * @throws IOException if it holds no simulator, or none for this platform
   */
  public static List<PinnedCertificate> load(Path dataDirectory, Platform platform) throws IOException {
    Path simulator = dataDirectory.resolve(SimulatorHome.DIRECTORY);
    if (!Files.isDirectory(simulator, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("no simulator in " + dataDirectory + " (no " + simulator.getFileName()
          + "/ directory); --data DIR reads an existing one and never creates it");
    }
    return switch (platform) {
      case NITRO -> List.of(PinnedCertificate.simulatedRoot(SimulatorHome.NITRO_ROOT_NAME, Platform.NITRO,
          read(rootFile(simulator, Platform.NITRO))));
      case SEV_SNP -> List.of(
          PinnedCertificate.simulatedRoot(SimulatorHome.SNP_ARK_NAME, Platform.SEV_SNP,
              read(rootFile(simulator, Platform.SEV_SNP))),
          PinnedCertificate.simulatedIntermediate(SimulatorHome.SNP_ASK_NAME, Platform.SEV_SNP,
              read(simulator.resolve("sev-snp").resolve("ask.crt"))));
      case TDX -> List.of(PinnedCertificate.simulatedRoot(SimulatorHome.TDX_ROOT_NAME, Platform.TDX,
          read(rootFile(simulator, Platform.TDX))));
      case GPU -> List.of(PinnedCertificate.simulatedRoot(SimulatorHome.GPU_ROOT_NAME, Platform.GPU,
          read(rootFile(simulator, Platform.GPU))));
      case TPM -> throw new IOException("the simulator has no TPM: --data does not apply to TPM evidence");
      case SGX -> throw new IOException("the simulator has no SGX enclave: --data does not apply to SGX evidence");
    };
  }

  /**
   * The roots for {@code platform} if {@code dataDirectory} holds them, else none: for the
   * implicit data directory, which the user did not name and which may well not exist.
   *
   * @throws IOException if a root file is present but not a certificate
   */
  public static List<PinnedCertificate> loadIfPresent(Path dataDirectory, Platform platform) throws IOException {
    Path simulator = dataDirectory.resolve(SimulatorHome.DIRECTORY);
    boolean present = switch (platform) {
      case NITRO, SEV_SNP, TDX, GPU -> Files.isRegularFile(rootFile(simulator, platform), LinkOption.NOFOLLOW_LINKS);
      case TPM, SGX -> false;
    };
    return present ? load(dataDirectory, platform) : List.of();
  }

  /** Where the simulator keeps its root for {@code platform} (one with a simulated vendor PKI). */
  private static Path rootFile(Path simulator, Platform platform) {
    return switch (platform) {
      case NITRO -> simulator.resolve("nitro").resolve("root.crt");
      case SEV_SNP -> simulator.resolve("sev-snp").resolve("ark.crt");
      case TDX -> simulator.resolve("tdx").resolve("root.crt");
      case GPU -> simulator.resolve("gpu").resolve("root.crt");
      case TPM, SGX -> throw new IllegalArgumentException("the simulator has no " + platform + " root");
    };
  }

  private static X509Certificate read(Path file) throws IOException {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("simulator root " + file + " does not exist (has this simulator produced"
          + " evidence for this platform yet?)");
    }
    if (Files.size(file) > MAX_CERTIFICATE_BYTES) {
      throw new IOException("simulator root " + file + " is too large to be a certificate");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (CertificateException e) {
      throw new IOException("simulator root " + file + " is not an X.509 certificate");
    }
  }
}
