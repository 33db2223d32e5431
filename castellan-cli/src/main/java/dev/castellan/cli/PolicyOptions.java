package dev.castellan.cli;

import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.PinnedCertificate;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.PolicyException;
import dev.castellan.attestation.TrustAnchors;
import dev.castellan.attestation.policy.AppraisalPolicy;
import dev.castellan.attestation.simulator.SimulatorHome;
import dev.castellan.cli.attest.SimulatorRoots;
import dev.castellan.cli.oracle.TrustRoots;
import dev.castellan.core.bytes.Hex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The appraisal and trust options of {@code castellan verify} and {@code castellan attest
 * verify}: one definition, so the same flags mean the same verdict in both.
 *
 * <p>The policy is {@code --policy FILE} or the strict defaults; {@code --allow-simulated},
 * {@code --allow-debug} and {@code --any-measurement} only ever widen it (a policy's own
 * {@code acceptSimulated} works without the flag); {@code --expected-pcr0} pins {@code
 * nitro.pcrs["0"]}, the measurement, and {@code --expected-measurement} the measurement of
 * every platform (PCR0, MEASUREMENT, MRTD are all 48 bytes; only the evidence's applies). Trust: the bundled vendor roots, {@code --trust-root}
 * files, and the simulator roots of the data directory: always those of an explicit {@code
 * --data DIR} (which must hold them), and those of {@code CASTELLAN_DATA} or {@code
 * ./castellan-data}, if present, when the policy accepts simulated evidence. Every simulator
 * root is pinned as simulated, so nothing on disk can make evidence look like hardware's.
 */
public final class PolicyOptions {
  /** The data directory used when neither {@code --data} nor {@code CASTELLAN_DATA} names one. */
  public static final Path DEFAULT_DATA = Path.of("castellan-data");

  @Option(names = "--policy", paramLabel = "FILE", description = "An appraisal policy (JSON); default: strict defaults.")
  Path policyFile;

  @Option(names = "--expected-pcr0", paramLabel = "HEX",
      description = "Nitro: the PCR0 you expect (96 hex digits), e.g. from 'castellan measure'; pins nitro.pcrs[\"0\"].")
  String expectedPcr0;

  @Option(names = {"--measurement", "--expected-measurement"}, paramLabel = "HEX",
      description = "The launch measurement you expect: 96 hex digits for Nitro PCR0, SEV-SNP MEASUREMENT or TDX"
          + " MRTD (e.g. from 'castellan measure --platform P'), 64 for SGX MRENCLAVE.")
  String expectedMeasurement;

  @Mixin ReferenceValueOptions references = new ReferenceValueOptions();

  @Option(names = "--any-measurement",
      description = "Accept evidence whose launch measurement no reference value pins (the verdict says UNPINNED).")
  boolean anyMeasurement;

  @Option(names = "--allow-simulated",
      description = "Accept simulated evidence (proves nothing about hardware); trusts the data directory's simulator roots.")
  boolean allowSimulated;

  @Option(names = "--allow-debug", description = "Accept debug-mode environments (the host can read their memory).")
  boolean allowDebug;

  @Option(names = "--trust-root", paramLabel = "PEM",
      description = "An extra root to trust (repeatable), e.g. the simulator's <data>/simulator/nitro/root.crt;"
          + " results chaining to it count as simulated.")
  List<Path> trustRoots = new ArrayList<>();

  @Option(names = {"--data", "--simulator-data"}, paramLabel = "DIR",
      description = "Data directory whose simulator roots to trust (default: CASTELLAN_DATA, else ./castellan-data,"
          + " used with --allow-simulated). Read-only: never creates a simulator. --simulator-data is a"
          + " deprecated alias.")
  Path data;

  /** The policy these options describe. */
  public AppraisalPolicy policy() throws IOException, PolicyException {
    AppraisalPolicy policy = policyFile == null ? AppraisalPolicy.defaults() : AppraisalPolicy.fromFile(policyFile);
    policy = policy.withAllowDebug(policy.allowDebug() || allowDebug)
        .withAcceptSimulated(policy.acceptSimulated() || allowSimulated);
    if (anyMeasurement) {
      policy = policy.withAcceptSkipped(AppraisalPolicy.MEASUREMENT_CHECKS);
    }
    if (expectedPcr0 != null) {
      policy = pinPcr0(policy, measurement("--expected-pcr0", expectedPcr0));
    }
    if (expectedMeasurement != null) {
      ByteString pin = ByteString.of(hex("--measurement", expectedMeasurement));
      if (pin.length() == 32) {
        policy = policy.withSgx(policy.sgx().withMrEnclave(pinned("SGX MRENCLAVE", policy.sgx().mrEnclave(), pin)));
      } else if (pin.length() == 48) {
        policy = pinPcr0(policy, pin.toByteArray());
        policy = policy.withSnp(policy.snp().withMeasurements(pinned("SEV-SNP MEASUREMENT", policy.snp().measurements(), pin)));
        policy = policy.withTdx(policy.tdx().withMrTd(pinned("TDX MRTD", policy.tdx().mrTd(), pin)));
      } else {
        throw new IllegalArgumentException("--measurement must be 48 bytes (96 hex digits; Nitro, SEV-SNP, TDX) or"
            + " 32 bytes (64 hex digits; SGX), got " + pin.length());
      }
    }
    return references.apply(policy);
  }

  /**
   * The trust anchors for evidence of {@code platform} under {@code policy} (see the class
   * documentation).
   *
   * @throws IOException if a named root or an explicit data directory's roots cannot be read
   */
  public TrustAnchors anchors(Platform platform, AppraisalPolicy policy) throws IOException {
    TrustAnchors anchors = TrustRoots.load(trustRoots, platform);
    List<PinnedCertificate> simulator = List.of();
    if (data != null) {
      simulator = SimulatorRoots.load(data, platform);
    } else if (policy.acceptSimulated()) {
      simulator = SimulatorRoots.loadIfPresent(implicitData(), platform);
    }
    return anchors.plus(simulator.toArray(PinnedCertificate[]::new));
  }

  /**
   * {@link #anchors}, except that a data directory without a simulator root for {@code
   * platform} adds none instead of failing: for a client that does not know yet which
   * platforms' evidence it will get ({@code verify-vm}). An explicit {@code --data} must still
   * hold a simulator.
   *
   * @throws IOException if an explicit data directory holds no simulator, or a root cannot be read
   */
  public TrustAnchors anchorsIfPresent(Platform platform, AppraisalPolicy policy) throws IOException {
    TrustAnchors anchors = TrustRoots.load(trustRoots, platform);
    if (data != null && !java.nio.file.Files.isDirectory(data.resolve(SimulatorHome.DIRECTORY))) {
      SimulatorRoots.load(data, platform); // throws, naming the directory
    }
    Path directory = data != null ? data : policy.acceptSimulated() ? implicitData() : null;
    List<PinnedCertificate> simulator = directory == null ? List.of() : SimulatorRoots.loadIfPresent(directory, platform);
    return anchors.plus(simulator.toArray(PinnedCertificate[]::new));
  }

  /** {@code explicit} (a command's {@code --data}), else {@code CASTELLAN_DATA}, else {@code ./castellan-data}. */
  public static Path dataDirectory(Path explicit) {
    return explicit != null ? explicit : implicitData();
  }

  private static Path implicitData() {
    String env = System.getenv("CASTELLAN_DATA");
    return env == null || env.isBlank() ? DEFAULT_DATA : Path.of(env);
  }

  private static byte[] measurement(String option, String hex) {
    byte[] value = hex(option, hex);
    if (value.length != 48) {
      throw new IllegalArgumentException(option + " must be 48 bytes (96 hex digits), got " + value.length);
    }
    return value;
  }

  private static byte[] hex(String option, String hex) {
    try {
      return Hex.decode(hex.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + " must be hex: " + e.getMessage());
    }
  }

  /** {@code value}, if {@code allowed} is empty or contains it (a flag selects, never adds). */
  static ByteString within(String what, List<ByteString> allowed, ByteString value) {
    return pinned(what, allowed, value).getFirst();
  }

  /**
   * {@code [pin]}, if the policy's list allows it. A policy that already lists values must
   * allow this one: the flag selects one of them, it never adds one.
   */
  private static List<ByteString> pinned(String what, List<ByteString> allowed, ByteString pin) {
    if (!allowed.isEmpty() && !allowed.contains(pin)) {
      throw new IllegalArgumentException("the expected " + what + " " + Hex.encode(pin.toByteArray())
          + " is not one of the values the policy allows");
    }
    return List.of(pin);
  }

  /** {@code policy} with {@code nitro.pcrs["0"]} pinned to {@code pcr0} (see {@link #pinned}). */
  static AppraisalPolicy pinPcr0(AppraisalPolicy policy, byte[] pcr0) {
    List<ByteString> pin = pinned("Nitro PCR0", policy.nitro().pcrs().getOrDefault(0, List.of()), ByteString.of(pcr0));
    return policy.withNitro(policy.nitro().withPcr(0, pin));
  }
}
