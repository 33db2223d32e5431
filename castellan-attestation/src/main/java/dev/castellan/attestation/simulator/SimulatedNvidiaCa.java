package dev.castellan.attestation.simulator;

import dev.castellan.attestation.gpu.GpuCertificateChain;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * The simulated NVIDIA device-identity PKI, shaped like the Hopper one (every key ECDSA
 * P-384, every certificate ecdsa-with-SHA384): a self-signed root in the place of the NVIDIA
 * Device Identity CA, a GH100 identity CA (path length 2), a provisioner CA (1) and the
 * simulated GPU's own device CA in the place of the GSP BROM certificate (0). Kept in {@code
 * <simulator>/gpu/}: {@code root.crt}, {@code identity-ca.crt} and {@code provisioner-ca.crt}
 * (their keys are discarded once they have signed: nothing is issued by them afterwards) and
 * {@code device-ca.crt/.key}, which certifies the signing (GSP FMC) key at each {@link
 * SimulatedGpu#open}, with the FWID extension the verifier binds to the report.
 */
final class SimulatedNvidiaCa {
  static final String DIRECTORY = "gpu";

  /** NVIDIA's certificates are valid until 9999; a local simulator's for 25 years. */
  static final Duration VALIDITY = Duration.ofDays(25 * 365);

  private static final String NAME_TAIL = ", OU=SIMULATED, O=Castellan Simulator, C=ZZ";
  private static final ASN1ObjectIdentifier SHA384 = new ASN1ObjectIdentifier("2.16.840.1.101.3.4.2.2");

  private final X509Certificate root;
  private final X509Certificate identity;
  private final X509Certificate provisioner;
  private final KeyedCertificate deviceCa;

  private SimulatedNvidiaCa(
      X509Certificate root, X509Certificate identity, X509Certificate provisioner, KeyedCertificate deviceCa) {
    this.root = root;
    this.identity = identity;
    this.provisioner = provisioner;
    this.deviceCa = deviceCa;
  }

  /** Loads the PKI from {@code <simulatorDir>/gpu}, creating it on first use. */
  static SimulatedNvidiaCa loadOrCreate(Path simulatorDir, Instant now, SecureRandom random) throws IOException {
    Path dir = simulatorDir.resolve(DIRECTORY);
    SimulatorFiles.createDirectoryOnce(dir, temporary -> create(temporary, now, random));
    X509Certificate root = KeyedCertificate.loadCertificate(dir, "root", null);
    X509Certificate identity = KeyedCertificate.loadCertificate(dir, "identity-ca", root);
    X509Certificate provisioner = KeyedCertificate.loadCertificate(dir, "provisioner-ca", identity);
    KeyedCertificate deviceCa = KeyedCertificate.load(dir, "device-ca", provisioner);
    if (!(deviceCa.privateKey() instanceof ECPrivateKey)) {
      throw new SimulatorStorageException(dir.resolve("device-ca.key"), "is not an ECDSA P-384 key");
    }
    return new SimulatedNvidiaCa(root, identity, provisioner, deviceCa);
  }

  private static void create(Path dir, Instant now, SecureRandom random) throws IOException {
    Instant notBefore = now.truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
    Instant notAfter = notBefore.plus(VALIDITY);
    KeyPair rootKeys = CertificateIssuer.p384(random);
    X509Certificate root = ca("Simulated NVIDIA Device Identity CA", rootKeys.getPublic(), null,
        rootKeys.getPrivate(), notBefore, notAfter, null, random);
    KeyPair identityKeys = CertificateIssuer.p384(random);
    X509Certificate identity = ca("Simulated NVIDIA GH100 Identity", identityKeys.getPublic(), root,
        rootKeys.getPrivate(), notBefore, notAfter, 2, random);
    KeyPair provisionerKeys = CertificateIssuer.p384(random);
    X509Certificate provisioner = ca("Simulated NVIDIA GH100 Provisioner ICA 1", provisionerKeys.getPublic(),
        identity, identityKeys.getPrivate(), notBefore, notAfter, 1, random);
    KeyPair deviceKeys = CertificateIssuer.p384(random);
    X509Certificate device = ca("Simulated GH100 A01 GSP BROM", deviceKeys.getPublic(), provisioner,
        provisionerKeys.getPrivate(), notBefore, notAfter, 0, random);
    KeyedCertificate.writeCertificate(dir, "root", root);
    KeyedCertificate.writeCertificate(dir, "identity-ca", identity);
    KeyedCertificate.writeCertificate(dir, "provisioner-ca", provisioner);
    KeyedCertificate.of(device, deviceKeys).writeTo(dir, "device-ca");
  }

  private static X509Certificate ca(String name, PublicKey key, X509Certificate issuer, PrivateKey issuerKey,
      Instant notBefore, Instant notAfter, Integer pathLength, SecureRandom random) {
    return CertificateIssuer.issue(new X500Principal("CN=" + name + NAME_TAIL), key, issuer, issuerKey,
        CertificateIssuer.ECDSA_SHA384, notBefore, notAfter, CertificateIssuer.Profile.ca(pathLength), List.of(),
        random);
  }

  /**
   * The signing (GSP FMC) certificate for {@code key}, issued by the device CA for its whole
   * validity, carrying the FWID extension ({@value GpuCertificateChain#FWID_OID}): {@code
   * SEQUENCE {INTEGER 1, SubjectPublicKeyInfo of key, SEQUENCE {sha384, OCTET STRING fwid}}},
   * whose last 48 bytes the verifier compares with the report's FWID item.
   */
  X509Certificate issueLeaf(PublicKey key, byte[] fwid, SecureRandom random) {
    ASN1EncodableVector digest = new ASN1EncodableVector();
    digest.add(SHA384);
    digest.add(new DEROctetString(fwid));
    ASN1EncodableVector tcbInfo = new ASN1EncodableVector();
    tcbInfo.add(new ASN1Integer(1));
    tcbInfo.add(SubjectPublicKeyInfo.getInstance(key.getEncoded()));
    tcbInfo.add(new DERSequence(digest));
    byte[] extension;
    try {
      extension = new DERSequence(tcbInfo).getEncoded("DER");
    } catch (IOException e) {
      throw new IllegalStateException("DER encoding to memory failed", e);
    }
    X509Certificate issuer = deviceCa.certificate();
    return CertificateIssuer.issue(new X500Principal("CN=Simulated GH100 A01 GSP FMC LF" + NAME_TAIL), key, issuer,
        deviceCa.privateKey(), CertificateIssuer.ECDSA_SHA384, issuer.getNotBefore().toInstant(),
        issuer.getNotAfter().toInstant(), CertificateIssuer.Profile.leaf(),
        List.of(new CertificateIssuer.RawExtension(GpuCertificateChain.FWID_OID, extension)), random);
  }

  /** The Hopper-shaped chain for {@code leaf}, leaf first and the root last. */
  List<X509Certificate> chain(X509Certificate leaf) {
    return List.of(leaf, deviceCa.certificate(), provisioner, identity, root);
  }

  X509Certificate root() {
    return root;
  }
}
