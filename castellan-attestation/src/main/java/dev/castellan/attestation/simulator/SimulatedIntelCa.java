package dev.castellan.attestation.simulator;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import javax.security.auth.x500.X500Principal;

/**
 * The simulated Intel SGX/TDX PKI, shaped like Intel's (every key ECDSA P-256, every
 * certificate ecdsa-with-SHA256): a self-signed root CA in the place of the Intel SGX Root
 * CA, a PCK platform CA (path length 0) that issues the platform's PCK certificates, and a
 * TCB signing certificate that signs TCB Info and QE Identity. Kept in {@code
 * <data>/simulator/tdx/}: {@code root.crt} (its key is discarded once it has signed the two
 * others), {@code platform-ca.crt/.key} and {@code tcb-signing.crt/.key}; created once, all or
 * nothing, valid for {@link #VALIDITY} from creation, then only ever loaded. So every process
 * opening the same data directory (an attestation agent producing quotes, a verifier in
 * another process) agrees on the root, which {@code SimulatedTdxQuoteFactory.open} uses.
 *
 * <p>The accessors hand out private keys: this is a simulator's PKI, which proves nothing
 * about hardware, and its keys MUST NOT leave the process. Immutable.
 */
public final class SimulatedIntelCa {
  static final String DIRECTORY = "tdx";

  /** Intel's SGX root is valid for about 30 years; this simulated one for 25. */
  public static final Duration VALIDITY = Duration.ofDays(25 * 365);

  private final X509Certificate root;
  private final KeyedCertificate platformCa;
  private final KeyedCertificate tcbSigning;

  private SimulatedIntelCa(X509Certificate root, KeyedCertificate platformCa, KeyedCertificate tcbSigning) {
    this.root = root;
    this.platformCa = platformCa;
    this.tcbSigning = tcbSigning;
  }

  /**
   * Loads the PKI from {@code <data>/simulator/tdx} of {@code home}, creating it on first use.
   *
   * @param now dates the certificates created on first use (valid from an hour before)
   * @param random draws the keys created on first use
   * @throws SimulatorStorageException if existing state is partial or corrupt
   */
  public static SimulatedIntelCa open(SimulatorHome home, Instant now, SecureRandom random) throws IOException {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(random, "random");
    Path dir = home.directory().resolve(DIRECTORY);
    SimulatorFiles.createDirectoryOnce(dir, temporary -> create(temporary, now, random));
    X509Certificate root = KeyedCertificate.loadCertificate(dir, "root", null);
    return new SimulatedIntelCa(root, loadEc(dir, "platform-ca", root), loadEc(dir, "tcb-signing", root));
  }

  private static KeyedCertificate loadEc(Path dir, String name, X509Certificate issuer) throws IOException {
    KeyedCertificate keyed = KeyedCertificate.load(dir, name, issuer);
    if (!(keyed.privateKey() instanceof ECPrivateKey)) {
      throw new SimulatorStorageException(dir.resolve(name + ".key"), "is not an ECDSA P-256 key");
    }
    return keyed;
  }

  private static void create(Path dir, Instant now, SecureRandom random) throws IOException {
    Instant notBefore = now.truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
    Instant notAfter = notBefore.plus(VALIDITY);
    KeyPair rootKeys = CertificateIssuer.p256(random);
    X509Certificate root = CertificateIssuer.issue(new X500Principal("CN=Castellan SIMULATED Intel SGX Root CA"),
        rootKeys.getPublic(), null, rootKeys.getPrivate(), CertificateIssuer.ECDSA_SHA256, notBefore, notAfter,
        CertificateIssuer.Profile.ca(null), List.of(), random);
    KeyPair caKeys = CertificateIssuer.p256(random);
    X509Certificate platformCa = CertificateIssuer.issue(
        new X500Principal("CN=Castellan SIMULATED Intel SGX PCK Platform CA"), caKeys.getPublic(), root,
        rootKeys.getPrivate(), CertificateIssuer.ECDSA_SHA256, notBefore, notAfter, CertificateIssuer.Profile.ca(0),
        List.of(), random);
    KeyPair tcbKeys = CertificateIssuer.p256(random);
    X509Certificate tcbSigning = CertificateIssuer.issue(
        new X500Principal("CN=Castellan SIMULATED Intel SGX TCB Signing"), tcbKeys.getPublic(), root,
        rootKeys.getPrivate(), CertificateIssuer.ECDSA_SHA256, notBefore, notAfter, CertificateIssuer.Profile.leaf(),
        List.of(), random);
    KeyedCertificate.writeCertificate(dir, "root", root);
    KeyedCertificate.of(platformCa, caKeys).writeTo(dir, "platform-ca");
    KeyedCertificate.of(tcbSigning, tcbKeys).writeTo(dir, "tcb-signing");
  }

  /** The simulated root CA. */
  public X509Certificate root() {
    return root;
  }

  /** The PCK platform CA, which issues PCK certificates. */
  public X509Certificate platformCa() {
    return platformCa.certificate();
  }

  /** The platform CA's key: it signs PCK certificates. */
  public PrivateKey platformCaKey() {
    return platformCa.privateKey();
  }

  /** The TCB signing certificate. */
  public X509Certificate tcbSigning() {
    return tcbSigning.certificate();
  }

  /** The TCB signing key: it signs TCB Info and QE Identity. */
  public PrivateKey tcbSigningKey() {
    return tcbSigning.privateKey();
  }

  @Override
  public String toString() {
    return "SimulatedIntelCa[" + root.getSubjectX500Principal() + ", keys redacted]";
  }
}
