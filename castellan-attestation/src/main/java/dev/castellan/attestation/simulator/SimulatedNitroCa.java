package dev.castellan.attestation.simulator;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.security.auth.x500.X500Principal;

/**
 * The simulated AWS Nitro attestation PKI, mirroring AWS's (root, then intermediates, then a
 * short-lived certificate for the enclave's attestation key): a root CA and one intermediate,
 * both ECDSA P-384, kept in {@code <simulator>/nitro/} as {@code root.crt/.key} and {@code
 * intermediate.crt/.key}, and leaf certificates issued per boot. AWS's root lives 30 years
 * and its enclave certificates 3 hours; so do these. The intermediate lives as long as the
 * root (AWS rotates its intermediates; a local simulator has no one to rotate them).
 */
final class SimulatedNitroCa {
  static final String DIRECTORY = "nitro";
  static final Duration ROOT_VALIDITY = Duration.ofDays(30 * 365);
  static final Duration LEAF_VALIDITY = Duration.ofHours(3);

  static final X500Principal ROOT_NAME =
      new X500Principal("CN=simulated.nitro-enclaves, OU=SIMULATED, O=Castellan Simulator, C=ZZ");
  static final X500Principal INTERMEDIATE_NAME =
      new X500Principal("CN=intermediate.simulated.nitro-enclaves, OU=SIMULATED, O=Castellan Simulator, C=ZZ");

  private final KeyedCertificate root;
  private final KeyedCertificate intermediate;

  private SimulatedNitroCa(KeyedCertificate root, KeyedCertificate intermediate) {
    this.root = root;
    this.intermediate = intermediate;
  }

  /** Loads the CA from {@code <simulatorDir>/nitro}, creating it on first use. */
  static SimulatedNitroCa loadOrCreate(Path simulatorDir, Instant now, SecureRandom random) throws IOException {
    Path dir = simulatorDir.resolve(DIRECTORY);
    SimulatorFiles.createDirectoryOnce(dir, temporary -> create(now, random).writeTo(temporary));
    KeyedCertificate root = KeyedCertificate.load(dir, "root", null);
    KeyedCertificate intermediate = KeyedCertificate.load(dir, "intermediate", root.certificate());
    return new SimulatedNitroCa(root, intermediate);
  }

  private static SimulatedNitroCa create(Instant now, SecureRandom random) {
    Instant notBefore = now.truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
    Instant notAfter = notBefore.plus(ROOT_VALIDITY);
    KeyPair rootKeys = CertificateIssuer.p384(random);
    X509Certificate rootCert =
        CertificateIssuer.issue(
            ROOT_NAME, rootKeys.getPublic(), null, rootKeys.getPrivate(), CertificateIssuer.ECDSA_SHA384,
            notBefore, notAfter, CertificateIssuer.Profile.ca(null), List.of(), random);
    KeyPair intermediateKeys = CertificateIssuer.p384(random);
    X509Certificate intermediateCert =
        CertificateIssuer.issue(
            INTERMEDIATE_NAME, intermediateKeys.getPublic(), rootCert, rootKeys.getPrivate(),
            CertificateIssuer.ECDSA_SHA384, notBefore, notAfter, CertificateIssuer.Profile.ca(0), List.of(), random);
    return new SimulatedNitroCa(
        KeyedCertificate.of(rootCert, rootKeys), KeyedCertificate.of(intermediateCert, intermediateKeys));
  }

  private void writeTo(Path dir) throws IOException {
    root.writeTo(dir, "root");
    intermediate.writeTo(dir, "intermediate");
  }

  X509Certificate root() {
    return root.certificate();
  }

  X509Certificate intermediate() {
    return intermediate.certificate();
  }

  /** A certificate for an enclave's attestation key, valid for {@link #LEAF_VALIDITY} from {@code now}. */
  X509Certificate issueLeaf(String commonName, PublicKey key, Instant now, SecureRandom random) {
    Instant notBefore = now.truncatedTo(ChronoUnit.SECONDS);
    X500Principal subject =
        new X500Principal("CN=" + commonName + ", OU=SIMULATED, O=Castellan Simulator, C=ZZ");
    return CertificateIssuer.issue(
        subject, key, intermediate.certificate(), intermediate.privateKey(), CertificateIssuer.ECDSA_SHA384,
        notBefore, notBefore.plus(LEAF_VALIDITY), CertificateIssuer.Profile.leaf(), List.of(), random);
  }
}
