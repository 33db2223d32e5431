package dev.castellan.attestation.tdx;

import static dev.castellan.core.bytes.Bytes.concat;

import dev.castellan.attestation.PinnedCertificate;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.simulator.SimulatedIntelCa;
import dev.castellan.attestation.simulator.SimulatorHome;
import dev.castellan.core.bytes.Hex;
import dev.castellan.core.hash.HashAlgorithm;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Simulated Intel TDX: a quote in the real DCAP v4 format, signed through a simulated Intel
 * PKI (root CA, PCK platform CA, PCK leaf with SGX extensions, Quoting Enclave report,
 * attestation key), plus matching simulated TCB Info and QE Identity collateral. The same
 * {@link TdxVerifier} verifies it when given {@link #root()} as a trust anchor; results are
 * labelled simulated because that anchor is a {@link PinnedCertificate#simulatedRoot}.
 *
 * <p>{@link #create} keeps its keys in memory only, generated from the given randomness;
 * {@link #open} uses the simulated Intel PKI kept in the data directory, so that quotes made
 * by one process verify, in another, against the root {@code castellan attest verify --data
 * DIR} trusts. It MUST NOT be used as evidence of anything about hardware.
 */
public final class SimulatedTdxQuoteFactory {
  /** The simulated platform's FMSPC. */
  public static final byte[] FMSPC = {0x00, (byte) 0xc0, 0x5e, 0x51, 0x00, 0x00};
  /** Pin name of the root of {@link #create}'s in-memory PKI. */
  public static final String EPHEMERAL_ROOT_NAME = "simulated-intel-sgx-root";

  static final byte[] TEE_TCB_SVN = {3, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  private static final byte[] CPU_SVN = {5, 5, 13, 2, 3, 1, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0};
  private static final int PCE_SVN = 13;
  private static final int QE_ISV_SVN = 8;
  private static final String SGX_OID = PckExtensions.SGX_EXTENSIONS_OID;

  /**
   * The measured fields of the simulated TD.
   *
   * @param rtmrs RTMR0..3, four 48-byte values
   */
  public record TdFields(byte[] mrTd, byte[] mrConfigId, byte[] mrOwner, byte[] mrOwnerConfig,
      List<byte[]> rtmrs, byte[] reportData, boolean debug) {
    public TdFields {
      check(mrTd, 48, "mrTd");
      check(mrConfigId, 48, "mrConfigId");
      check(mrOwner, 48, "mrOwner");
      check(mrOwnerConfig, 48, "mrOwnerConfig");
      check(reportData, 64, "reportData");
      if (rtmrs.size() != 4) {
        throw new IllegalArgumentException("four RTMRs required");
      }
      rtmrs.forEach(r -> check(r, 48, "rtmr"));
      mrTd = mrTd.clone();
      mrConfigId = mrConfigId.clone();
      mrOwner = mrOwner.clone();
      mrOwnerConfig = mrOwnerConfig.clone();
      rtmrs = rtmrs.stream().map(byte[]::clone).toList();
      reportData = reportData.clone();
    }

    /** A production (non-debug) TD with the given MRTD and report data, other fields zero. */
    public static TdFields of(byte[] mrTd, byte[] reportData) {
      byte[] zero = new byte[48];
      return new TdFields(mrTd, zero, zero, zero, List.of(zero, zero, zero, zero), reportData,
          false);
    }

    private static void check(byte[] value, int length, String name) {
      if (value.length != length) {
        throw new IllegalArgumentException(name + " must be " + length + " bytes");
      }
    }
  }

  private final SecureRandom random;
  private final String rootName;
  private final X509Certificate root;
  private final X509Certificate platformCa;
  private final PrivateKey caKey;
  private final KeyPair pckKeys;
  private final Map<String, X509Certificate> pckByFmspc = new ConcurrentHashMap<>();
  private final X509Certificate tcbSigner;
  private final PrivateKey tcbSignerKey;
  private final KeyPair attestationKey;
  private final byte[] qeMrSigner;

  /**
   * A factory over the given PKI; the PCK key and the Quoting Enclave's attestation key are
   * this instance's own, as a platform's QE makes its attestation key when it starts.
   */
  private SimulatedTdxQuoteFactory(SecureRandom random, String rootName, X509Certificate root,
      X509Certificate platformCa, PrivateKey caKey, X509Certificate tcbSigner, PrivateKey tcbSignerKey)
      throws GeneralSecurityException {
    this.random = random;
    this.rootName = rootName;
    this.root = root;
    this.platformCa = platformCa;
    this.caKey = caKey;
    this.pckKeys = p256(random);
    this.tcbSigner = tcbSigner;
    this.tcbSignerKey = tcbSignerKey;
    this.attestationKey = p256(random);
    this.qeMrSigner = HashAlgorithm.SHA_256.hash(
        "castellan simulated TD QE".getBytes(StandardCharsets.US_ASCII));
    pck(FMSPC);
  }

  /**
   * A fresh simulated Intel PKI, in memory only, whose certificates are valid from {@code
   * notBefore} for {@code validity}; its root is pinned as {@value #EPHEMERAL_ROOT_NAME}.
   */
  public static SimulatedTdxQuoteFactory create(SecureRandom random, Instant notBefore,
      Duration validity) {
    Objects.requireNonNull(random, "random");
    Instant notAfter = notBefore.plus(validity);
    try {
      KeyPair rootKeys = p256(random);
      KeyPair caKeys = p256(random);
      KeyPair tcbKeys = p256(random);
      X509Certificate root = issue(random, "CN=Castellan SIMULATED Intel SGX Root CA", rootKeys, null,
          rootKeys.getPrivate(), notBefore, notAfter, true, null);
      X509Certificate platformCa = issue(random, "CN=Castellan SIMULATED Intel SGX PCK Platform CA",
          caKeys, root, rootKeys.getPrivate(), notBefore, notAfter, true, null);
      X509Certificate tcbSigner = issue(random, "CN=Castellan SIMULATED Intel SGX TCB Signing", tcbKeys,
          root, rootKeys.getPrivate(), notBefore, notAfter, false, null);
      return new SimulatedTdxQuoteFactory(random, EPHEMERAL_ROOT_NAME, root, platformCa,
          caKeys.getPrivate(), tcbSigner, tcbKeys.getPrivate());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot generate P-256 certificates", e);
    }
  }

  /**
   * The simulated Intel PKI of {@code home}'s data directory ({@code <data>/simulator/tdx/},
   * see {@link SimulatedIntelCa}): created on first use, dated by {@code clock} and valid for
   * {@link SimulatedIntelCa#VALIDITY}, loaded after. Factories opened on the same data
   * directory, in any process, share the root ({@link SimulatorHome#tdxRoot()}), the PCK
   * platform CA and the TCB signing key, so their quotes and collateral verify against the
   * same pinned root; each has its own PCK and attestation keys.
   *
   * @throws IOException if the simulator state cannot be read or created
   */
  public static SimulatedTdxQuoteFactory open(SimulatorHome home, Clock clock, SecureRandom random)
      throws IOException {
    Objects.requireNonNull(clock, "clock");
    SimulatedIntelCa ca = SimulatedIntelCa.open(home, clock.instant(), random);
    try {
      return new SimulatedTdxQuoteFactory(random, SimulatorHome.TDX_ROOT_NAME, ca.root(), ca.platformCa(),
          ca.platformCaKey(), ca.tcbSigning(), ca.tcbSigningKey());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot generate P-256 keys", e);
    }
  }

  /** The simulated root, pinned as simulated: pass it to {@code TrustAnchors.of(...)}. */
  public PinnedCertificate root() {
    return PinnedCertificate.simulatedRoot(rootName, Platform.TDX, root);
  }

  /** A DCAP v4 TDX quote for {@code td}, other fields as {@link SimulatedTdxKnobs#defaults()}. */
  public byte[] quote(TdFields td) {
    return quote(td, SimulatedTdxKnobs.defaults());
  }

  /**
   * A DCAP v4 TDX quote for {@code td} with the platform and module fields of {@code knobs},
   * correctly signed whatever they hold; its PCK certificate carries {@code knobs.fmspc()}.
   */
  public byte[] quote(TdFields td, SimulatedTdxKnobs knobs) {
    try {
      X509Certificate pck = pck(knobs.fmspc());
      ByteBuffer header = le(48).putShort((short) 4).putShort((short) 2).putInt(0x81).putInt(0)
          .put(knobs.qeVendorId()).put(new byte[20]);
      ByteBuffer body = le(TdReport.TDX10_SIZE).put(knobs.teeTcbSvn()).put(knobs.mrSeam())
          .put(knobs.mrSignerSeam()).putLong(knobs.seamAttributes())
          .putLong(knobs.tdAttributes() | (td.debug() ? 1 : 0)).putLong(knobs.xfam())
          .put(td.mrTd()).put(td.mrConfigId()).put(td.mrOwner()).put(td.mrOwnerConfig());
      td.rtmrs().forEach(body::put);
      body.put(td.reportData());
      byte[] signed = concat(header.array(), body.array());
      byte[] ak = rawPoint((ECPublicKey) attestationKey.getPublic());
      byte[] authData = new byte[32];
      for (int i = 0; i < authData.length; i++) {
        authData[i] = (byte) i;
      }
      byte[] qeReport = qeReport(concat(HashAlgorithm.SHA_256.hash(ak, authData), new byte[32]));
      byte[] chain = (pem(pck) + pem(platformCa) + pem(root)).getBytes(StandardCharsets.US_ASCII);
      byte[] certData = concat(qeReport, sign(pckKeys.getPrivate(), qeReport),
          le(2).putShort((short) authData.length).array(), authData,
          le(6).putShort((short) TdxQuote.CERT_DATA_PCK_CHAIN).putInt(chain.length).array(),
          chain);
      byte[] signatureData = concat(sign(attestationKey.getPrivate(), signed), ak,
          le(6).putShort((short) TdxQuote.CERT_DATA_QE_REPORT).putInt(certData.length).array(),
          certData);
      return concat(signed, le(4).putInt(signatureData.length).array(), signatureData);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("simulated signing failed", e);
    }
  }

  /** The PCK certificate for {@code fmspc}, issued once per FMSPC with the same PCK key. */
  private X509Certificate pck(byte[] fmspc) throws GeneralSecurityException {
    String key = Hex.encode(fmspc);
    X509Certificate cert = pckByFmspc.get(key);
    if (cert == null) {
      cert = issue(random, "CN=Castellan SIMULATED Intel SGX PCK Certificate", pckKeys, platformCa,
          caKey, platformCa.getNotBefore().toInstant(), platformCa.getNotAfter().toInstant(), false,
          sgxExtensions(fmspc));
      X509Certificate raced = pckByFmspc.putIfAbsent(key, cert);
      cert = raced != null ? raced : cert;
    }
    return cert;
  }

  /**
   * TCB Info (one UpToDate level matching this platform) and QE Identity, signed by the
   * simulated TCB signing key, valid from {@code issueDate} for {@code validity}.
   */
  public TdxCollateral collateral(Instant issueDate, Duration validity) {
    return collateral(issueDate, validity, SimulatedTcbLevel.defaults());
  }

  /**
   * TCB Info with the single TCB level {@code level} (SGX components and PCE SVN of this
   * platform) and QE Identity, signed by the simulated TCB signing key, valid from {@code
   * issueDate} for {@code validity}.
   */
  public TdxCollateral collateral(Instant issueDate, Duration validity, SimulatedTcbLevel level) {
    String dates = "\"issueDate\":\"" + issueDate + "\",\"nextUpdate\":\""
        + issueDate.plus(validity) + "\"";
    StringBuilder sgx = new StringBuilder();
    StringBuilder tdx = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      sgx.append(i == 0 ? "" : ",").append("{\"svn\":").append(CPU_SVN[i]).append('}');
      tdx.append(i == 0 ? "" : ",").append("{\"svn\":")
          .append(level.tdxComponents()[i] & 0xff).append('}');
    }
    StringBuilder advisories = new StringBuilder();
    for (String id : level.advisoryIds()) {
      advisories.append(advisories.isEmpty() ? "" : ",").append('"').append(id).append('"');
    }
    String modules = level.tdxModuleIdentity().map(status -> ",\"tdxModuleIdentities\":[{\"id\":\""
        + TcbEvaluation.moduleId(level.tdxComponents()[1] & 0xff) + "\",\"mrsigner\":\""
        + "00".repeat(48) + "\",\"attributes\":\"" + "00".repeat(8) + "\",\"attributesMask\":\""
        + "FF".repeat(8) + "\",\"tcbLevels\":[{\"tcb\":{\"isvsvn\":"
        + (level.tdxComponents()[0] & 0xff) + "},\"tcbDate\":\"" + issueDate
        + "\",\"tcbStatus\":\"" + status + "\"}]}]").orElse("");
    String tcbInfo = "{\"id\":\"TDX\",\"version\":3," + dates + ",\"fmspc\":\""
        + Hex.encode(level.fmspc()) + "\",\"pceId\":\"0000\",\"tcbType\":0,"
        + "\"tcbEvaluationDataNumber\":" + level.tcbEvaluationDataNumber() + ","
        + "\"tdxModule\":{\"mrsigner\":\"" + "00".repeat(48) + "\",\"attributes\":\""
        + "00".repeat(8) + "\",\"attributesMask\":\"" + "FF".repeat(8) + "\"}" + modules + ","
        + "\"tcbLevels\":[{\"tcb\":{\"sgxtcbcomponents\":[" + sgx + "],\"pcesvn\":" + PCE_SVN
        + ",\"tdxtcbcomponents\":[" + tdx + "]},\"tcbDate\":\"" + issueDate
        + "\",\"tcbStatus\":\"" + level.tcbStatus() + "\",\"advisoryIDs\":[" + advisories + "]}]}";
    String qeIdentity = "{\"id\":\"TD_QE\",\"version\":2," + dates
        + ",\"tcbEvaluationDataNumber\":1,\"miscselect\":\"00000000\",\"miscselectMask\":"
        + "\"FFFFFFFF\",\"attributes\":\"11000000000000000000000000000000\",\"attributesMask\":"
        + "\"FBFFFFFFFFFFFFFF0000000000000000\",\"mrsigner\":\"" + Hex.encode(qeMrSigner)
        + "\",\"isvprodid\":2,\"tcbLevels\":[{\"tcb\":{\"isvsvn\":" + QE_ISV_SVN
        + "},\"tcbDate\":\"" + issueDate + "\",\"tcbStatus\":\"UpToDate\"}]}";
    try {
      return TdxCollateral.of(signedJson("tcbInfo", tcbInfo),
          signedJson("enclaveIdentity", qeIdentity), List.of(tcbSigner, root));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("simulated signing failed", e);
    }
  }

  private byte[] signedJson(String member, String json) throws GeneralSecurityException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    return ("{\"" + member + "\":" + json + ",\"signature\":\""
        + Hex.encode(sign(tcbSignerKey, body)) + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  private byte[] qeReport(byte[] reportData) {
    byte[] mrEnclave = new byte[32];
    random.nextBytes(mrEnclave);
    return le(EnclaveReport.SIZE).put(CPU_SVN).putInt(0).put(new byte[28])
        .put(Hex.decode("11000000000000000700000000000000")).put(mrEnclave).put(new byte[32])
        .put(qeMrSigner).put(new byte[96]).putShort((short) 2).putShort((short) QE_ISV_SVN)
        .put(new byte[60]).put(reportData).array();
  }

  private static ASN1Encodable sgxExtensions(byte[] fmspc) {
    ASN1EncodableVector tcb = new ASN1EncodableVector();
    for (int i = 0; i < 16; i++) {
      tcb.add(pair(".2." + (i + 1), new ASN1Integer(CPU_SVN[i])));
    }
    tcb.add(pair(".2.17", new ASN1Integer(PCE_SVN)));
    tcb.add(pair(".2.18", new DEROctetString(CPU_SVN)));
    ASN1EncodableVector fields = new ASN1EncodableVector();
    fields.add(pair(".1", new DEROctetString(new byte[16])));
    fields.add(pair(".2", new DERSequence(tcb)));
    fields.add(pair(".3", new DEROctetString(new byte[2])));
    fields.add(pair(".4", new DEROctetString(fmspc)));
    fields.add(pair(".5", new ASN1Enumerated(0)));
    return new DERSequence(fields);
  }

  private static DERSequence pair(String suffix, ASN1Encodable value) {
    return new DERSequence(new ASN1Encodable[] {new ASN1ObjectIdentifier(SGX_OID + suffix), value});
  }

  private static X509Certificate issue(SecureRandom random, String subject, KeyPair subjectKeys,
      X509Certificate issuer, PrivateKey issuerKey, Instant notBefore, Instant notAfter, boolean ca,
      ASN1Encodable sgx) throws GeneralSecurityException {
    try {
      X500Principal name = new X500Principal(subject);
      JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
          issuer == null ? name : issuer.getSubjectX500Principal(),
          new BigInteger(127, random).setBit(126), Date.from(notBefore), Date.from(notAfter),
          name, subjectKeys.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(
          ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
      if (sgx != null) {
        builder.addExtension(new ASN1ObjectIdentifier(SGX_OID), false, sgx);
      }
      return new JcaX509CertificateConverter().getCertificate(builder.build(
          new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    } catch (org.bouncycastle.operator.OperatorCreationException | java.io.IOException e) {
      throw new GeneralSecurityException("cannot build a simulated certificate", e);
    }
  }

  private static KeyPair p256(SecureRandom random) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), random);
    return generator.generateKeyPair();
  }

  private byte[] sign(PrivateKey key, byte[] data) throws GeneralSecurityException {
    Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
    signer.initSign(key, random);
    signer.update(data);
    return signer.sign();
  }

  private static byte[] rawPoint(ECPublicKey key) {
    return concat(fixed(key.getW().getAffineX()), fixed(key.getW().getAffineY()));
  }

  private static byte[] fixed(BigInteger value) {
    byte[] bytes = value.toByteArray();
    byte[] out = new byte[32];
    int length = Math.min(bytes.length, 32);
    System.arraycopy(bytes, bytes.length - length, out, 32 - length, length);
    return out;
  }

  private static String pem(X509Certificate certificate) throws GeneralSecurityException {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }

  private static ByteBuffer le(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }
}
