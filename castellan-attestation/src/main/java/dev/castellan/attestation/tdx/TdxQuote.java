package dev.castellan.attestation.tdx;

import dev.castellan.attestation.MalformedEvidenceException;
import dev.castellan.attestation.internal.Pkix;
import dev.castellan.attestation.internal.StrictPem;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A parsed Intel TDX DCAP quote, version 4 or 5, with ECDSA-P256 attestation keys and
 * certification data type 6 (QE report) nesting type 5 (PCK certificate chain, PEM).
 *
 * <p>Layout per the Intel TDX DCAP Quoting Library API, appendix A ("Quote Format"). Parsing
 * is strict and uses only the declared lengths: every nested size must fit in its parent and
 * add up exactly. Bytes after the declared signature data are not part of the quote: their
 * count is {@link #trailingLength()}, and whether they are tolerated is a policy decision of
 * the verifier; they are never covered by any signature. Parsing verifies no signature, but
 * it enforces the structure checks of {@link TdxStructure} (header reserved fields and QE
 * vendor ID, TD_ATTRIBUTES, XFAM, SEAM attributes) and parses the PCK chain strictly: a quote
 * that fails one is malformed whatever the policy.
 */
public final class TdxQuote {
  /** Upper bound on the input: a quote is ~5 KB; 64 KiB leaves room for long PCK chains. */
  public static final int MAX_QUOTE_SIZE = 64 * 1024;

  static final int HEADER_SIZE = 48;
  static final int ATTESTATION_KEY_ECDSA_P256 = 2;
  static final long TEE_TYPE_TDX = 0x81;
  static final int CERT_DATA_QE_REPORT = 6;
  static final int CERT_DATA_PCK_CHAIN = 5;
  private static final int MAX_CHAIN_CERTS = 5;
  private static final String CHAIN = "certificate chain";

  private final int version;
  private final byte[] header;
  private final TdReport report;
  private final byte[] signedBytes;
  private final byte[] signature;
  private final byte[] attestationKey;
  private final EnclaveReport qeReport;
  private final byte[] qeReportSignature;
  private final byte[] qeAuthData;
  private final List<X509Certificate> pckChain;
  private final int trailingLength;

  private TdxQuote(int version, byte[] header, TdReport report, byte[] signedBytes,
      byte[] signature, byte[] attestationKey, EnclaveReport qeReport, byte[] qeReportSignature,
      byte[] qeAuthData, List<X509Certificate> pckChain, int trailingLength) {
    this.version = version;
    this.header = header;
    this.report = report;
    this.signedBytes = signedBytes;
    this.signature = signature;
    this.attestationKey = attestationKey;
    this.qeReport = qeReport;
    this.qeReportSignature = qeReportSignature;
    this.qeAuthData = qeAuthData;
    this.pckChain = pckChain;
    this.trailingLength = trailingLength;
  }

  /**
   * Parses a quote.
   *
   * @throws TdxException if the input is not a well-formed v4/v5 TDX ECDSA-P256 quote
   */
  public static TdxQuote parse(byte[] quote) throws TdxException {
    if (quote.length > MAX_QUOTE_SIZE) {
      throw new TdxException("quote exceeds " + MAX_QUOTE_SIZE + " bytes");
    }
    LeReader in = new LeReader(quote, 0, quote.length);
    int version = in.u16("version");
    if (version != 4 && version != 5) {
      throw new TdxException(TdxException.Kind.MALFORMED, "tdx.quote.header",
          String.format(Locale.ROOT, "unsupported quote version %d (want 4 or 5)", version));
    }
    int keyType = in.u16("attestation key type");
    if (keyType != ATTESTATION_KEY_ECDSA_P256) {
      throw new TdxException(TdxException.Kind.MALFORMED, "tdx.quote.header", String.format(
          Locale.ROOT, "unsupported attestation key type %d (want 2, ECDSA-256-with-P-256)",
          keyType));
    }
    long teeType = in.u32("tee type");
    if (teeType != TEE_TYPE_TDX) {
      throw new TdxException(TdxException.Kind.MALFORMED, "tdx.quote.header", String.format(
          Locale.ROOT, "TEE type 0x%x is not TDX (want 0x81)", teeType));
    }
    in.bytes(HEADER_SIZE - 8, "header");
    byte[] header = Arrays.copyOf(quote, HEADER_SIZE);
    TdxStructure.checkHeader(header);
    int bodySize = TdReport.TDX10_SIZE;
    if (version == 5) {
      int bodyType = in.u16("body type");
      long declared = in.u32("body size");
      bodySize = switch (bodyType) {
        case 2 -> TdReport.TDX10_SIZE;
        case 3 -> TdReport.TDX15_SIZE;
        default -> throw new TdxException(
            String.format(Locale.ROOT, "unsupported v5 body type %d (want 2 or 3)", bodyType));
      };
      if (declared != bodySize) {
        throw new TdxException("v5 body size does not match its type");
      }
    }
    TdReport report = new TdReport(in.bytes(bodySize, "TD report body"));
    TdxStructure.checkReport(report);
    byte[] signedBytes = Arrays.copyOf(quote, in.position());
    int signatureDataSize = in.size32("signature data length");
    int signatureDataEnd = in.position() + signatureDataSize;
    LeReader sig = new LeReader(quote, in.position(), signatureDataSize);
    byte[] signature = sig.bytes(64, "quote signature");
    byte[] attestationKey = sig.bytes(64, "attestation key");
    if (sig.u16("certification data type") != CERT_DATA_QE_REPORT) {
      throw new TdxException("certification data is not type 6 (QE report)");
    }
    int qeCertSize = sig.size32("certification data size");
    if (qeCertSize != sig.remaining()) {
      throw new TdxException("certification data size does not match the signature data length");
    }
    EnclaveReport qeReport = new EnclaveReport(sig.bytes(EnclaveReport.SIZE, "QE report"));
    byte[] qeReportSignature = sig.bytes(64, "QE report signature");
    byte[] qeAuthData = sig.bytes(sig.u16("QE auth data size"), "QE auth data");
    if (sig.u16("nested certification data type") != CERT_DATA_PCK_CHAIN) {
      throw new TdxException("nested certification data is not type 5 (PCK chain)");
    }
    int chainSize = sig.size32("PCK chain size");
    if (chainSize != sig.remaining()) {
      throw new TdxException("PCK chain size does not match the certification data size");
    }
    List<X509Certificate> chain = parsePemChain(sig.bytes(chainSize, "PCK chain"), 2);
    return new TdxQuote(version, header, report, signedBytes, signature, attestationKey,
        qeReport, qeReportSignature, qeAuthData, chain, quote.length - signatureDataEnd);
  }

  /**
   * Parses concatenated PEM certificates strictly ({@link StrictPem}: exact boundaries,
   * canonical base64; {@link Pkix#parseDer}: strict DER, no unused bits in the signature), so
   * the certificate bytes verified are exactly the bytes carried.
   */
  public static List<X509Certificate> parsePemChain(byte[] pem, int minimum) throws TdxException {
    String text = new String(pem, StandardCharsets.ISO_8859_1);
    List<X509Certificate> certs = new ArrayList<>();
    try {
      for (byte[] der : StrictPem.certificates(text, MAX_CHAIN_CERTS, CHAIN)) {
        certs.add(Pkix.parseDer(der, CHAIN));
      }
    } catch (MalformedEvidenceException e) {
      throw new TdxException(TdxException.Kind.MALFORMED, "tdx.pck-chain", e.getMessage(), e);
    }
    if (certs.size() < minimum) {
      throw new TdxException(TdxException.Kind.MALFORMED, "tdx.pck-chain",
          "certificate chain is too short");
    }
    return List.copyOf(certs);
  }

  public int version() {
    return version;
  }

  /** The 48-byte quote header. */
  public byte[] header() {
    return header.clone();
  }

  public TdReport report() {
    return report;
  }

  /** The bytes covered by the quote signature: header, (v5 body descriptor), body. */
  public byte[] signedBytes() {
    return signedBytes.clone();
  }

  /** The ECDSA P-256 quote signature, raw r‖s. */
  public byte[] signature() {
    return signature.clone();
  }

  /** The attestation public key, raw X‖Y on P-256. */
  public byte[] attestationKey() {
    return attestationKey.clone();
  }

  public EnclaveReport qeReport() {
    return qeReport;
  }

  /** The PCK signature over the QE report, raw r‖s. */
  public byte[] qeReportSignature() {
    return qeReportSignature.clone();
  }

  public byte[] qeAuthData() {
    return qeAuthData.clone();
  }

  /** The PCK chain as carried in the quote: leaf first. */
  public List<X509Certificate> pckChain() {
    return pckChain;
  }

  /** Number of bytes after the declared end of the quote (not covered by any signature). */
  public int trailingLength() {
    return trailingLength;
  }
}
