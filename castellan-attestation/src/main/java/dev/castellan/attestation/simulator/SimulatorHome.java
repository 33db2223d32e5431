package dev.castellan.attestation.simulator;

import dev.castellan.attestation.PinnedCertificate;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.TrustAnchors;
import dev.castellan.core.bytes.SecretBytes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The simulator's persistent state, in {@code <data>/simulator/} (owner-only, 0700):
 *
 * <ul>
 *   <li>{@code device-secret}: 32 random bytes (0600), the simulated hardware's sealing
 *       secret, created on first use and never replaced;
 *   <li>{@code nitro/}: the simulated AWS Nitro attestation PKI ({@code root.crt/.key}, {@code
 *       intermediate.crt/.key}), see {@link #nitroRoot()};
 *   <li>{@code sev-snp/}: the simulated AMD key hierarchy ({@code ark}, {@code ask}, {@code
 *       vcek}, each {@code .crt/.key}), created on first SEV-SNP use because RSA-4096 key
 *       generation takes seconds;
 *   <li>{@code gpu/}: the simulated NVIDIA device-identity PKI ({@code root.crt}, {@code
 *       identity-ca.crt}, {@code provisioner-ca.crt}, {@code device-ca.crt/.key}), created on
 *       first GPU use, see {@link SimulatedGpu};
 *   <li>{@code tdx/}: the simulated Intel SGX/TDX PKI ({@code root.crt}, {@code
 *       platform-ca.crt/.key}, {@code tcb-signing.crt/.key}), created on first TDX use, see
 *       {@link SimulatedIntelCa} and {@code tdx.SimulatedTdxQuoteFactory.open}.
 * </ul>
 *
 * <p>Each part is created all-or-nothing (written to a temporary sibling, then published by
 * an atomic rename or link that never replaces existing state) and, once it exists, only
 * ever loaded: a missing, partial or corrupt file raises {@link SimulatorStorageException}
 * naming it. Private keys are PKCS#8 PEM with mode 0600. Thread-safe.
 */
public final class SimulatorHome {
  /** The subdirectory of the data directory. */
  public static final String DIRECTORY = "simulator";

  /** Size of the device secret. */
  public static final int DEVICE_SECRET_BYTES = 32;

  /** Pin name of the simulated Nitro root. */
  public static final String NITRO_ROOT_NAME = "castellan-simulated-nitro-root";

  /** Pin names of the simulated AMD root (ARK) and intermediate (ASK). */
  public static final String SNP_ARK_NAME = "castellan-simulated-amd-ark";

  public static final String SNP_ASK_NAME = "castellan-simulated-amd-ask";

  /** Pin name of the simulated NVIDIA root (in the place of the NVIDIA Device Identity CA). */
  public static final String GPU_ROOT_NAME = "castellan-simulated-nvidia-root";

  /** Pin name of the simulated Intel root (in the place of the Intel SGX Root CA). */
  public static final String TDX_ROOT_NAME = "castellan-simulated-intel-root";

  private static final String SECRET_FILE = "device-secret";

  private final Path directory;
  private final Clock clock;
  private final SecureRandom random;
  private final SecretBytes deviceSecret;
  private final SimulatedNitroCa nitroCa;
  private SimulatedAmdCa amdCa;

  private SimulatorHome(Path directory, Clock clock, SecureRandom random, SecretBytes secret, SimulatedNitroCa ca) {
    this.directory = directory;
    this.clock = clock;
    this.random = random;
    this.deviceSecret = secret;
    this.nitroCa = ca;
  }

  /**
   * Opens (creating on first use) the simulator state under {@code dataDirectory}.
   *
   * @param clock dates the certificates created on first use
   * @param random draws every key and the device secret
   * @throws SimulatorStorageException if existing state is partial or corrupt
   */
  public static SimulatorHome open(Path dataDirectory, Clock clock, SecureRandom random) throws IOException {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(random, "random");
    Path directory = dataDirectory.resolve(DIRECTORY);
    SimulatorFiles.createPrivateDirectory(directory);
    SecretBytes secret = loadOrCreateSecret(directory.resolve(SECRET_FILE), random);
    SimulatedNitroCa ca = SimulatedNitroCa.loadOrCreate(directory, clock.instant(), random);
    return new SimulatorHome(directory, clock, random, secret, ca);
  }

  /** {@link #open(Path, Clock, SecureRandom)} with the system clock and a new SecureRandom. */
  public static SimulatorHome open(Path dataDirectory) throws IOException {
    return open(dataDirectory, Clock.systemUTC(), new SecureRandom());
  }

  private static SecretBytes loadOrCreateSecret(Path file, SecureRandom random) throws IOException {
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      byte[] fresh = new byte[DEVICE_SECRET_BYTES];
      random.nextBytes(fresh);
      try {
        SimulatorFiles.publishFile(file, fresh);
      } finally {
        Arrays.fill(fresh, (byte) 0);
      }
    }
    byte[] stored = SimulatorFiles.read(file);
    try {
      if (stored.length != DEVICE_SECRET_BYTES) {
        throw new SimulatorStorageException(
            file, "must hold exactly " + DEVICE_SECRET_BYTES + " bytes, holds " + stored.length);
      }
      return SecretBytes.copyOf(stored);
    } finally {
      Arrays.fill(stored, (byte) 0);
    }
  }

  /** {@code <data>/simulator}. */
  public Path directory() {
    return directory;
  }

  /**
   * The simulated hardware sealing secret: stable for this installation (this data
   * directory), random per installation. The key-sealing layer derives its keys from it; it
   * MUST NOT leave the process. Each call returns a fresh copy the caller may destroy.
   */
  public SecretBytes deviceSecret() {
    return deviceSecret.duplicate();
  }

  /** The simulated Nitro root, pinned and labelled simulated. */
  public PinnedCertificate nitroRoot() {
    return PinnedCertificate.simulatedRoot(NITRO_ROOT_NAME, Platform.NITRO, nitroCa.root());
  }

  /**
   * The simulated AMD ARK (root) and ASK (intermediate), pinned and labelled simulated;
   * creates the AMD hierarchy on first use.
   */
  public List<PinnedCertificate> snpAnchors() throws IOException {
    SimulatedAmdCa ca = amdCa();
    return List.of(
        PinnedCertificate.simulatedRoot(SNP_ARK_NAME, Platform.SEV_SNP, ca.ark()),
        PinnedCertificate.simulatedIntermediate(SNP_ASK_NAME, Platform.SEV_SNP, ca.ask()));
  }

  /** Trust anchors holding only {@link #nitroRoot()}: what verifies this simulator's Nitro documents. */
  public TrustAnchors nitroTrustAnchors() {
    return TrustAnchors.of(nitroRoot());
  }

  /** Trust anchors holding only {@link #snpAnchors()}. */
  public TrustAnchors snpTrustAnchors() throws IOException {
    return TrustAnchors.of(snpAnchors());
  }

  /** The simulated NVIDIA root, pinned and labelled simulated; creates the GPU PKI on first use. */
  public PinnedCertificate gpuRoot() throws IOException {
    return PinnedCertificate.simulatedRoot(GPU_ROOT_NAME, Platform.GPU,
        SimulatedNvidiaCa.loadOrCreate(directory, clock.instant(), random).root());
  }

  /** Trust anchors holding only {@link #gpuRoot()}: what verifies {@link SimulatedGpu}'s evidence. */
  public TrustAnchors gpuTrustAnchors() throws IOException {
    return TrustAnchors.of(gpuRoot());
  }

  /** The simulated Intel root, pinned and labelled simulated; creates the TDX PKI on first use. */
  public PinnedCertificate tdxRoot() throws IOException {
    return PinnedCertificate.simulatedRoot(TDX_ROOT_NAME, Platform.TDX,
        SimulatedIntelCa.open(this, clock.instant(), random).root());
  }

  /** Trust anchors holding only {@link #tdxRoot()}: what verifies the quotes of {@code SimulatedTdxQuoteFactory.open}. */
  public TrustAnchors tdxTrustAnchors() throws IOException {
    return TrustAnchors.of(tdxRoot());
  }

  SimulatedNitroCa nitroCa() {
    return nitroCa;
  }

  synchronized SimulatedAmdCa amdCa() throws IOException {
    if (amdCa == null) {
      amdCa = SimulatedAmdCa.loadOrCreate(directory, clock.instant(), random);
    }
    return amdCa;
  }

  @Override
  public String toString() {
    return "SimulatorHome[" + directory + "]";
  }
}
