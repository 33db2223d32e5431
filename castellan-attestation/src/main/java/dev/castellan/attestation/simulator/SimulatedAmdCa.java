package dev.castellan.attestation.simulator;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERIA5String;

/**
 * The simulated AMD SEV-SNP key hierarchy, shaped like AMD's (VCEK spec 57230): an ARK
 * (root) and an ASK (intermediate), both RSA-4096 signing with RSASSA-PSS SHA-384 (MGF1
 * SHA-384, salt 48) as AMD's do, and one VCEK (ECDSA P-384) for the simulated chip, carrying
 * AMD's extensions: structVersion {@code 1.3.6.1.4.1.3704.1.1}, productName {@code .1.2},
 * the SPLs {@code .1.3.1} (boot loader), {@code .1.3.2} (TEE), {@code .1.3.3} (SNP), {@code
 * .1.3.8} (microcode), and hwID {@code .1.4} = the 64-byte CHIP_ID as raw bytes (KDS's
 * encoding). Kept in {@code <simulator>/sev-snp/} as {@code ark}, {@code ask}, {@code vcek}
 * ({@code .crt/.key}). The chip id and TCB are read back from the VCEK certificate, which is
 * their single source of truth.
 */
final class SimulatedAmdCa {
  static final String DIRECTORY = "sev-snp";

  /** The simulated chip: a Milan (Zen 3, CPUID family 0x19 model 0x01 stepping 1). */
  static final String PRODUCT_NAME = "Milan-B0";

  /** SPLs of the simulated firmware, in the range real Milan parts report. */
  static final int BOOTLOADER_SPL = 4;

  static final int TEE_SPL = 0;
  static final int SNP_SPL = 22;
  static final int MICROCODE_SPL = 213;

  static final Duration ROOT_VALIDITY = Duration.ofDays(25 * 365);
  static final Duration VCEK_VALIDITY = Duration.ofDays(7 * 365);

  private static final String AMD = "1.3.6.1.4.1.3704.1.";
  private static final String NAME_TAIL = ", OU=SIMULATED, O=Castellan Simulator, C=ZZ";

  private final KeyedCertificate ark;
  private final KeyedCertificate ask;
  private final KeyedCertificate vcek;
  private final byte[] chipId;
  private final int[] spl;

  private SimulatedAmdCa(KeyedCertificate ark, KeyedCertificate ask, KeyedCertificate vcek, Path vcekFile)
      throws IOException {
    this.ark = ark;
    this.ask = ask;
    this.vcek = vcek;
    if (!(vcek.privateKey() instanceof ECPrivateKey)) {
      throw new SimulatorStorageException(vcekFile, "VCEK key is not ECDSA P-384");
    }
    this.chipId = extension(vcek.certificate(), "4", vcekFile);
    if (chipId.length != 64) {
      throw new SimulatorStorageException(vcekFile, "hwID is not 64 bytes");
    }
    this.spl =
        new int[] {
          spl(vcek.certificate(), "3.1", vcekFile),
          spl(vcek.certificate(), "3.2", vcekFile),
          spl(vcek.certificate(), "3.3", vcekFile),
          spl(vcek.certificate(), "3.8", vcekFile)
        };
  }

  /** Loads the hierarchy from {@code <simulatorDir>/sev-snp}, creating it on first use. */
  static SimulatedAmdCa loadOrCreate(Path simulatorDir, Instant now, SecureRandom random) throws IOException {
    Path dir = simulatorDir.resolve(DIRECTORY);
    SimulatorFiles.createDirectoryOnce(dir, temporary -> create(temporary, now, random));
    KeyedCertificate ark = KeyedCertificate.load(dir, "ark", null);
    KeyedCertificate ask = KeyedCertificate.load(dir, "ask", ark.certificate());
    KeyedCertificate vcek = KeyedCertificate.load(dir, "vcek", ask.certificate());
    return new SimulatedAmdCa(ark, ask, vcek, dir.resolve("vcek.crt"));
  }

  private static void create(Path dir, Instant now, SecureRandom random) throws IOException {
    Instant notBefore = now.truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
    KeyPair arkKeys = CertificateIssuer.rsa4096(random);
    X509Certificate arkCert =
        CertificateIssuer.issue(
            new X500Principal("CN=ARK-Simulated" + NAME_TAIL), arkKeys.getPublic(), null, arkKeys.getPrivate(),
            CertificateIssuer.RSA_PSS_SHA384, notBefore, notBefore.plus(ROOT_VALIDITY),
            CertificateIssuer.Profile.ca(1), List.of(), random);
    KeyPair askKeys = CertificateIssuer.rsa4096(random);
    X509Certificate askCert =
        CertificateIssuer.issue(
            new X500Principal("CN=SEV-Simulated" + NAME_TAIL), askKeys.getPublic(), arkCert, arkKeys.getPrivate(),
            CertificateIssuer.RSA_PSS_SHA384, notBefore, notBefore.plus(ROOT_VALIDITY),
            CertificateIssuer.Profile.ca(0), List.of(), random);
    byte[] chipId = new byte[64];
    random.nextBytes(chipId);
    KeyPair vcekKeys = CertificateIssuer.p384(random);
    List<CertificateIssuer.RawExtension> amd =
        List.of(
            new CertificateIssuer.RawExtension(AMD + "1", der(new ASN1Integer(0))),
            new CertificateIssuer.RawExtension(AMD + "2", der(new DERIA5String(PRODUCT_NAME))),
            new CertificateIssuer.RawExtension(AMD + "3.1", der(new ASN1Integer(BOOTLOADER_SPL))),
            new CertificateIssuer.RawExtension(AMD + "3.2", der(new ASN1Integer(TEE_SPL))),
            new CertificateIssuer.RawExtension(AMD + "3.3", der(new ASN1Integer(SNP_SPL))),
            new CertificateIssuer.RawExtension(AMD + "3.8", der(new ASN1Integer(MICROCODE_SPL))),
            new CertificateIssuer.RawExtension(AMD + "4", chipId));
    X509Certificate vcekCert =
        CertificateIssuer.issue(
            new X500Principal("CN=SEV-VCEK" + NAME_TAIL), vcekKeys.getPublic(), askCert, askKeys.getPrivate(),
            CertificateIssuer.RSA_PSS_SHA384, notBefore, notBefore.plus(VCEK_VALIDITY),
            CertificateIssuer.Profile.bare(), amd, random);
    KeyedCertificate.of(arkCert, arkKeys).writeTo(dir, "ark");
    KeyedCertificate.of(askCert, askKeys).writeTo(dir, "ask");
    KeyedCertificate.of(vcekCert, vcekKeys).writeTo(dir, "vcek");
  }

  private static byte[] der(org.bouncycastle.asn1.ASN1Encodable value) {
    try {
      return value.toASN1Primitive().getEncoded("DER");
    } catch (IOException e) {
      throw new IllegalStateException("DER encoding to memory failed", e);
    }
  }

  private static byte[] extension(X509Certificate cert, String suffix, Path file) throws IOException {
    byte[] wrapped = cert.getExtensionValue(AMD + suffix);
    if (wrapped == null) {
      throw new SimulatorStorageException(file, "VCEK lacks extension " + AMD + suffix);
    }
    try {
      return ASN1OctetString.getInstance(ASN1Primitive.fromByteArray(wrapped)).getOctets();
    } catch (IOException | RuntimeException e) {
      throw new SimulatorStorageException(file, "VCEK extension " + AMD + suffix + " is malformed", e);
    }
  }

  private static int spl(X509Certificate cert, String suffix, Path file) throws IOException {
    try {
      BigInteger value = ASN1Integer.getInstance(ASN1Primitive.fromByteArray(extension(cert, suffix, file))).getValue();
      if (value.signum() < 0 || value.bitLength() > 8) {
        throw new SimulatorStorageException(file, "VCEK SPL " + suffix + " is not in 0..255");
      }
      return value.intValue();
    } catch (IOException | RuntimeException e) {
      if (e instanceof SimulatorStorageException s) {
        throw s;
      }
      throw new SimulatorStorageException(file, "VCEK SPL " + suffix + " is not an INTEGER", e);
    }
  }

  /**
   * A VCEK for the same key and chip with other SPLs ({@code spl}: boot loader, TEE, SNP,
   * microcode), signed by the simulated ASK, valid as long as the stored VCEK: what KDS
   * serves for the same chip at another TCB. Kept in memory only.
   */
  X509Certificate vcekAt(int[] spl, SecureRandom random) throws IOException {
    if (spl.length != 4) {
      throw new IllegalArgumentException("four SPLs: boot loader, TEE, SNP, microcode");
    }
    for (int value : spl) {
      if (value < 0 || value > 255) {
        throw new IllegalArgumentException("SPLs are 0..255");
      }
    }
    X509Certificate stored = vcek.certificate();
    List<CertificateIssuer.RawExtension> amd =
        List.of(
            new CertificateIssuer.RawExtension(AMD + "1", der(new ASN1Integer(0))),
            new CertificateIssuer.RawExtension(AMD + "2", der(new DERIA5String(PRODUCT_NAME))),
            new CertificateIssuer.RawExtension(AMD + "3.1", der(new ASN1Integer(spl[0]))),
            new CertificateIssuer.RawExtension(AMD + "3.2", der(new ASN1Integer(spl[1]))),
            new CertificateIssuer.RawExtension(AMD + "3.3", der(new ASN1Integer(spl[2]))),
            new CertificateIssuer.RawExtension(AMD + "3.8", der(new ASN1Integer(spl[3]))),
            new CertificateIssuer.RawExtension(AMD + "4", chipId.clone()));
    return CertificateIssuer.issue(
        stored.getSubjectX500Principal(), stored.getPublicKey(), ask.certificate(), ask.privateKey(),
        CertificateIssuer.RSA_PSS_SHA384, stored.getNotBefore().toInstant(), stored.getNotAfter().toInstant(),
        CertificateIssuer.Profile.bare(), amd, random);
  }

  X509Certificate ark() {
    return ark.certificate();
  }

  X509Certificate ask() {
    return ask.certificate();
  }

  X509Certificate vcek() {
    return vcek.certificate();
  }

  ECPrivateKey vcekKey() {
    return (ECPrivateKey) vcek.privateKey();
  }

  /** The simulated CHIP_ID (the VCEK's hwID). */
  byte[] chipId() {
    return chipId.clone();
  }

  /** Boot loader, TEE, SNP and microcode SPLs (the VCEK's extensions). */
  int[] spl() {
    return spl.clone();
  }
}
