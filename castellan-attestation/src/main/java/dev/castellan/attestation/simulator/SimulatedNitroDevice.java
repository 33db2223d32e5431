package dev.castellan.attestation.simulator;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.Attester;
import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.MalformedEvidenceException;
import dev.castellan.attestation.Platform;
import dev.castellan.core.bytes.Hex;
import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.core.hash.HashAlgorithm;
import dev.castellan.core.signature.EcdsaPrivateKey;
import dev.castellan.core.signature.EcdsaSignatureEncoding;
import dev.castellan.core.signature.EcdsaSigner;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A simulated AWS Nitro Secure Module (NSM) for one enclave boot: a TEE in software, not a
 * mock. It keeps the NSM's semantics and emits its real attestation document format, signed
 * through the simulated Nitro PKI of a {@link SimulatorHome}; the Nitro verifier accepts the
 * documents with {@link SimulatorHome#nitroTrustAnchors()} and labels them simulated.
 *
 * <p><b>PCRs.</b> 32 registers of 48 bytes, starting at zero. {@link #extend} sets {@code
 * PCR[i] = SHA-384(PCR[i] || data)}; {@link #lock} makes a register read-only for the rest of
 * the boot, after which extending it throws {@link PcrLockedException}. At boot PCR0-2 are
 * measured as {@link BootMeasurements} describes and PCR0-15 are locked, as the Nitro
 * hypervisor does; PCR16-31 are free for the application (seed 001 binds its signing key
 * into PCR16 and then locks it). A document carries every locked register, as the NSM's
 * does ("map of all locked PCRs at the moment the attestation document was generated").
 *
 * <p><b>Keys.</b> Each boot draws a fresh ECDSA P-384 attestation key. Its certificate is
 * issued by the simulated intermediate for 3 hours, like AWS's, and re-issued (same key) once
 * less than an hour of it remains, so a long-running enclave always signs with a currently
 * valid certificate. The {@link #sealingSecret()} is the installation's device secret.
 *
 * <p><b>Limits</b> (aws-nitro-enclaves-nsm-api, attestation_process.md §3.2.2.2): {@code
 * user_data} and {@code nonce} 0..512 bytes, {@code public_key} 1..1024 bytes; null means
 * absent. Clock and randomness are injected. Thread-safe.
 */
public final class SimulatedNitroDevice implements Attester {
  public static final int PCR_COUNT = PcrBank.COUNT;
  public static final int PCR_BYTES = PcrBank.LENGTH;

  /** PCR0-15 are measured or reserved by the hypervisor and locked at boot. */
  public static final int BOOT_LOCKED_PCRS = 16;

  public static final int MAX_USER_DATA_BYTES = 512;
  public static final int MAX_NONCE_BYTES = 512;
  public static final int MAX_PUBLIC_KEY_BYTES = 1024;

  /** Largest {@link #randomBytes} request. */
  public static final int MAX_RANDOM_BYTES = 4096;

  /** A leaf certificate is re-issued once less than this much of its validity remains. */
  static final Duration LEAF_RENEWAL_MARGIN = Duration.ofHours(1);

  private final SimulatorHome home;
  private final Clock clock;
  private final SecureRandom random;
  private final PcrBank pcrs = new PcrBank();
  private final String moduleId;
  private final KeyPair attestationKey;
  private final EcdsaSigner signer;
  private final List<byte[]> cabundle;
  private X509Certificate leaf;

  /**
   * What the simulated hypervisor reports instead of its defaults, so that a test or a demo can
   * produce a real, signed document with any boot-locked PCR (0-15: PCR0-2 image, kernel and
   * application, PCR3 IAM role, PCR4 instance id, PCR8 signing certificate) or module id, and
   * appraise it through the production verifier. The document's timestamp is the injected
   * clock's instant (a fixed clock gives any chosen timestamp).
   *
   * @param pcrs register values that replace the boot measurement (48 bytes each, index 0..15)
   * @param moduleId the module id to report, instead of {@code sim-<installation>-enc<random>}
   */
  public record BootOptions(SortedMap<Integer, ByteString> pcrs, Optional<String> moduleId) {
    /** Longest module id accepted (the CBOR text is bounded by the verifier too). */
    public static final int MAX_MODULE_ID_LENGTH = 256;

    public BootOptions {
      TreeMap<Integer, ByteString> copy = new TreeMap<>();
      pcrs.forEach((index, value) -> {
        if (index < 0 || index >= BOOT_LOCKED_PCRS) {
          throw new IllegalArgumentException("only boot-locked PCRs 0.." + (BOOT_LOCKED_PCRS - 1)
              + " are set by the hypervisor, got " + index);
        }
        if (value.length() != PCR_BYTES) {
          throw new IllegalArgumentException("a PCR value is " + PCR_BYTES + " bytes, got " + value.length());
        }
        copy.put(index, value);
      });
      pcrs = Collections.unmodifiableSortedMap(copy);
      Objects.requireNonNull(moduleId, "moduleId");
      moduleId.ifPresent(id -> {
        if (id.isEmpty() || id.length() > MAX_MODULE_ID_LENGTH) {
          throw new IllegalArgumentException("module id must be 1.." + MAX_MODULE_ID_LENGTH + " characters");
        }
      });
    }

    /** The simulator's own measurements and module id. */
    public static BootOptions defaults() {
      return new BootOptions(new TreeMap<>(), Optional.empty());
    }

    /** These options with PCR {@code index} reported as {@code value}. */
    public BootOptions withPcr(int index, ByteString value) {
      TreeMap<Integer, ByteString> next = new TreeMap<>(pcrs);
      next.put(index, value);
      return new BootOptions(next, moduleId);
    }

    /** These options with {@code id} as the module id. */
    public BootOptions withModuleId(String id) {
      return new BootOptions(pcrs, Optional.of(id));
    }
  }

  private SimulatedNitroDevice(SimulatorHome home, Clock clock, SecureRandom random, Optional<String> moduleId) {
    this.home = home;
    this.clock = clock;
    this.random = random;
    SimulatedNitroCa ca = home.nitroCa();
    byte[] enclaveId = new byte[8];
    random.nextBytes(enclaveId);
    String installation = Hex.encode(HashAlgorithm.SHA_256.hash(der(ca.root()))).substring(0, 17);
    this.moduleId = moduleId.orElse("sim-" + installation + "-enc" + Hex.encode(enclaveId));
    this.attestationKey = CertificateIssuer.p384(random);
    try {
      this.signer =
          EcdsaSigner.create(
              EcdsaPrivateKey.fromJca((java.security.interfaces.ECPrivateKey) attestationKey.getPrivate()),
              EcdsaSignatureEncoding.IEEE_P1363);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a fresh P-384 key was refused", e);
    }
    this.cabundle = List.of(der(ca.root()), der(ca.intermediate()));
  }

  /**
   * Boots a simulated enclave: measures PCR0-2 from {@code measurements}, locks PCR0-15 and
   * draws this boot's attestation key.
   */
  public static SimulatedNitroDevice boot(
      SimulatorHome home, BootMeasurements measurements, Clock clock, SecureRandom random) {
    return boot(home, measurements, clock, random, BootOptions.defaults());
  }

  /**
   * {@link #boot(SimulatorHome, BootMeasurements, Clock, SecureRandom)}, then the registers and
   * module id of {@code options} in place of the simulator's own, before PCR0-15 are locked.
   */
  public static SimulatedNitroDevice boot(
      SimulatorHome home, BootMeasurements measurements, Clock clock, SecureRandom random, BootOptions options) {
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(measurements, "measurements");
    Objects.requireNonNull(options, "options");
    SimulatedNitroDevice device = new SimulatedNitroDevice(
        home, Objects.requireNonNull(clock), Objects.requireNonNull(random), options.moduleId());
    measurements.extendBootRegisters(device.pcrs);
    try {
      for (var pcr : options.pcrs().entrySet()) {
        device.pcrs.load(pcr.getKey(), pcr.getValue().toByteArray());
      }
    } catch (PcrLockedException e) {
      throw new IllegalStateException("a fresh PCR bank was locked", e);
    }
    for (int i = 0; i < BOOT_LOCKED_PCRS; i++) {
      device.pcrs.lock(i);
    }
    return device;
  }

  @Override
  public Platform platform() {
    return Platform.NITRO;
  }

  @Override
  public boolean simulated() {
    return true;
  }

  /** This enclave's module id: {@code sim-<installation>-enc<random per boot>} unless set at boot. */
  public String moduleId() {
    return moduleId;
  }

  /** The current value of PCR {@code index} (48 bytes). */
  public byte[] pcr(int index) {
    return pcrs.value(index);
  }

  public boolean isLocked(int index) {
    return pcrs.isLocked(index);
  }

  /** Every locked PCR by index: what the next document will carry. */
  public SortedMap<Integer, ByteString> lockedPcrs() {
    SortedMap<Integer, ByteString> out = new TreeMap<>();
    pcrs.lockedValues().forEach((i, v) -> out.put(i, ByteString.of(v)));
    return out;
  }

  /**
   * {@code PCR[index] = SHA-384(PCR[index] || data)}; returns the new value.
   *
   * @throws PcrLockedException if the register is locked (PCR0-15 always are)
   */
  public byte[] extend(int index, byte[] data) throws PcrLockedException {
    return pcrs.extend(index, data);
  }

  /** Makes PCR {@code index} read-only until the next boot. */
  public void lock(int index) {
    pcrs.lock(index);
  }

  /** {@code n} bytes from the device's random source (NSM {@code GetRandom}). */
  public byte[] randomBytes(int n) {
    if (n < 0 || n > MAX_RANDOM_BYTES) {
      throw new IllegalArgumentException("random byte count must be 0.." + MAX_RANDOM_BYTES + ", got " + n);
    }
    byte[] out = new byte[n];
    random.nextBytes(out);
    return out;
  }

  /** The simulated hardware sealing secret ({@link SimulatorHome#deviceSecret()}). */
  public SecretBytes sealingSecret() {
    return home.deviceSecret();
  }

  /** A document with {@code nonce = challenge} and no user data or public key. */
  @Override
  public Evidence attest(byte[] challenge) throws AttestationException {
    Objects.requireNonNull(challenge, "challenge");
    return Evidence.of(Platform.NITRO, attestationDocument(null, challenge, null));
  }

  /** {@link #attestationDocument} as evidence. */
  public Evidence attest(byte[] userData, byte[] nonce, byte[] publicKey) throws AttestationException {
    return Evidence.of(Platform.NITRO, attestationDocument(userData, nonce, publicKey));
  }

  /**
   * A signed attestation document (NSM {@code Attestation}); each argument may be null
   * (absent).
   *
   * @throws MalformedEvidenceException if an argument exceeds the NSM's limits
   */
  public byte[] attestationDocument(byte[] userData, byte[] nonce, byte[] publicKey)
      throws MalformedEvidenceException {
    checkSize("user_data", userData, 0, MAX_USER_DATA_BYTES);
    checkSize("nonce", nonce, 0, MAX_NONCE_BYTES);
    checkSize("public_key", publicKey, 1, MAX_PUBLIC_KEY_BYTES);
    Instant now = clock.instant();
    NitroDocumentWriter.Document document =
        new NitroDocumentWriter.Document(
            moduleId, now.toEpochMilli(), pcrs.lockedValues(), der(currentLeaf(now)), cabundle,
            copy(publicKey), copy(userData), copy(nonce));
    try {
      return NitroDocumentWriter.sign(document, signer);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing with this boot's attestation key failed", e);
    }
  }

  private synchronized X509Certificate currentLeaf(Instant now) {
    if (leaf == null
        || now.isBefore(leaf.getNotBefore().toInstant())
        || now.plus(LEAF_RENEWAL_MARGIN).isAfter(leaf.getNotAfter().toInstant())) {
      leaf = home.nitroCa().issueLeaf(moduleId + ".simulated", attestationKey.getPublic(), now, random);
    }
    return leaf;
  }

  private static void checkSize(String field, byte[] value, int min, int max) throws MalformedEvidenceException {
    if (value != null && (value.length < min || value.length > max)) {
      throw new MalformedEvidenceException(
          "nitro.request." + field, field + " size out of the NSM's bounds", min + ".." + max + " bytes",
          value.length + " bytes");
    }
  }

  private static byte[] copy(byte[] value) {
    return value == null ? null : value.clone();
  }

  private static byte[] der(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("a loaded certificate cannot be encoded", e);
    }
  }

  @Override
  public String toString() {
    return "SimulatedNitroDevice[" + moduleId + ", simulated]";
  }
}
