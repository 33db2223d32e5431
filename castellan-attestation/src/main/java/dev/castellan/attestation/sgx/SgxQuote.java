package dev.castellan.attestation.sgx;

import dev.castellan.attestation.tdx.EnclaveReport;
import dev.castellan.attestation.tdx.LeReader;
import dev.castellan.attestation.tdx.TdxException;
import dev.castellan.attestation.tdx.TdxQuote;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A parsed Intel SGX DCAP ECDSA quote, version 3, with an ECDSA-256-with-P-256 attestation key
 * and certification data type 5 (the PCK certificate chain, PEM).
 *
 * <p>Layout per the Intel SGX ECDSA Quote Library API, "Quote Format": a 48-byte header
 * (version 3, attestation key type 2, the 32-bit TEE type / reserved field 0, QE SVN, PCE SVN,
 * QE vendor ID, which must be Intel's, user data), the 384-byte enclave report body, then the signature data: the
 * ECDSA signature over header and body, the attestation public key, the QE report, the PCK's
 * signature over it, the QE authentication data and the certification data. Parsing is strict
 * and uses only the declared lengths: every nested size must fit in its parent and add up
 * exactly, and nothing may follow the signature data (no signature would cover it). Parsing
 * verifies nothing.
 */
public final class SgxQuote {
  /** Upper bound on the input: a quote is ~4.6 KB; 64 KiB leaves room for long PCK chains. */
  public static final int MAX_QUOTE_SIZE = 64 * 1024;

  static final int HEADER_SIZE = 48;
  static final int VERSION = 3;
  static final int ATTESTATION_KEY_ECDSA_P256 = 2;
  static final long TEE_TYPE_SGX = 0;
  static final int CERT_DATA_PCK_CHAIN = 5;
  /** Intel's Quoting Enclave vendor ID, 939A7233-F79C-4CA9-940A-0DB3957F0607. */
  static final byte[] INTEL_QE_VENDOR_ID = dev.castellan.core.bytes.Hex.decode(
      "939a7233f79c4ca9940a0db3957f0607");

  private final byte[] header;
  private final SgxReportBody body;
  private final byte[] signedBytes;
  private final byte[] signature;
  private final byte[] attestationKey;
  private final EnclaveReport qeReport;
  private final byte[] qeReportSignature;
  private final byte[] qeAuthData;
  private final List<X509Certificate> pckChain;

  private SgxQuote(byte[] header, SgxReportBody body, byte[] signedBytes, byte[] signature,
      byte[] attestationKey, EnclaveReport qeReport, byte[] qeReportSignature, byte[] qeAuthData,
      List<X509Certificate> pckChain) {
    this.header = header;
    this.body = body;
    this.signedBytes = signedBytes;
    this.signature = signature;
    this.attestationKey = attestationKey;
    this.qeReport = qeReport;
    this.qeReportSignature = qeReportSignature;
    this.qeAuthData = qeAuthData;
    this.pckChain = pckChain;
  }

  /**
   * Parses a quote.
   *
   * @throws SgxException ({@code sgx.quote}) if the input is not a well-formed v3 SGX
   *     ECDSA-P256 quote with a PCK chain; the message names the field
   */
  public static SgxQuote parse(byte[] quote) throws SgxException {
    try {
      return read(quote);
    } catch (TdxException e) {
      throw SgxException.of(e);
    }
  }

  private static SgxQuote read(byte[] quote) throws SgxException, TdxException {
    if (quote.length > MAX_QUOTE_SIZE) {
      throw new SgxException("quote exceeds " + MAX_QUOTE_SIZE + " bytes");
    }
    LeReader in = new LeReader(quote, 0, quote.length);
    int version = in.u16("version");
    if (version != VERSION) {
      throw new SgxException(
          String.format(Locale.ROOT, "unsupported quote version %d (want 3)", version));
    }
    if (in.u16("attestation key type") != ATTESTATION_KEY_ECDSA_P256) {
      throw new SgxException("unsupported attestation key type (want ECDSA-256-with-P-256)");
    }
    if (in.u32("tee type") != TEE_TYPE_SGX) {
      throw new SgxException("not an SGX quote (tee type is not 0x00000000)");
    }
    in.bytes(4, "QE SVN and PCE SVN");
    // Intel's QVL supports quotes of Intel's QE only; its identity is what QE Identity checks.
    if (!Arrays.equals(in.bytes(16, "QE vendor ID"), INTEL_QE_VENDOR_ID)) {
      throw new SgxException("QE vendor ID is not Intel's (939a7233f79c4ca9940a0db3957f0607)");
    }
    in.bytes(20, "user data");
    byte[] header = Arrays.copyOf(quote, HEADER_SIZE);
    SgxReportBody body = SgxReportBody.parse(in.bytes(SgxReportBody.SIZE, "enclave report body"));
    byte[] signedBytes = Arrays.copyOf(quote, in.position());
    int signatureDataSize = in.size32("signature data length");
    if (signatureDataSize != in.remaining()) {
      throw new SgxException(String.format(Locale.ROOT,
          "%d bytes follow the declared signature data", in.remaining() - signatureDataSize));
    }
    LeReader sig = new LeReader(quote, in.position(), signatureDataSize);
    byte[] signature = sig.bytes(64, "quote signature");
    byte[] attestationKey = sig.bytes(64, "attestation key");
    EnclaveReport qeReport = new EnclaveReport(sig.bytes(EnclaveReport.SIZE, "QE report"));
    byte[] qeReportSignature = sig.bytes(64, "QE report signature");
    byte[] qeAuthData = sig.bytes(sig.u16("QE auth data size"), "QE auth data");
    int type = sig.u16("certification data type");
    if (type != CERT_DATA_PCK_CHAIN) {
      throw new SgxException(String.format(Locale.ROOT,
          "certification data type %d is not supported (want 5, PCK certificate chain)", type));
    }
    int chainSize = sig.size32("certification data size");
    if (chainSize != sig.remaining()) {
      throw new SgxException("certification data size does not match the signature data length");
    }
    List<X509Certificate> chain = TdxQuote.parsePemChain(sig.bytes(chainSize, "PCK chain"), 2);
    return new SgxQuote(header, body, signedBytes, signature, attestationKey, qeReport,
        qeReportSignature, qeAuthData, chain);
  }

  public int version() {
    return VERSION;
  }

  /** The 48-byte quote header. */
  public byte[] header() {
    return header.clone();
  }

  /** The QE vendor ID of the header (16 bytes; Intel's QE: {@code 939a7233...0607}). */
  public byte[] qeVendorId() {
    return Arrays.copyOfRange(header, 12, 28);
  }

  public SgxReportBody body() {
    return body;
  }

  /** The bytes covered by the quote signature: header and enclave report body. */
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
}
