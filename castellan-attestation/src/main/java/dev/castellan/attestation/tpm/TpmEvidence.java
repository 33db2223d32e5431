package dev.castellan.attestation.tpm;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Castellan's TPM evidence: one or more quotes (one per PCR bank, as go-tpm-tools does) with
 * their PCR values, the attestation key (AK) and, where one exists, its certificate chain.
 * The encoding is TPM-native and starts with the first TPMS_ATTEST, so the evidence is
 * recognised by {@code TPM_GENERATED_VALUE}:
 *
 * <pre>
 * evidence := quote+ trailer
 * quote    := TPMS_ATTEST TPMT_SIGNATURE u16:count TPM2B_DIGEST[count]   (PCR values)
 * trailer  := u8:akFormat [u16:len AK]  u8:certCount (u16:len DER)[certCount]
 * akFormat := 0 none (AK supplied out of band) | 1 TPMT_PUBLIC | 2 SubjectPublicKeyInfo DER
 * </pre>
 *
 * All integers are big-endian, as in TPM marshalling. Parsing is strict: every length is
 * bounded and the encoding must be consumed exactly.
 *
 * @param quotes the signed quotes, at least one
 * @param ak the AK public key, if carried in the evidence
 * @param akCertificates the AK certificate first, then intermediates (may be empty)
 */
public record TpmEvidence(
    List<TpmQuote> quotes, Optional<PublicKey> ak, List<X509Certificate> akCertificates) {
  private static final int MAX_QUOTES = 8;
  private static final int MAX_PCR_VALUES = 24 * 8;
  private static final int MAX_CERTIFICATES = 4;

  public TpmEvidence {
    quotes = List.copyOf(quotes);
    akCertificates = List.copyOf(akCertificates);
    if (quotes.isEmpty() || quotes.size() > MAX_QUOTES) {
      throw new IllegalArgumentException("1.." + MAX_QUOTES + " quotes required");
    }
  }

  /** Parses the encoding above. */
  public static TpmEvidence parse(byte[] bytes) throws TpmException {
    BeReader in = new BeReader(bytes);
    List<TpmQuote> quotes = new ArrayList<>();
    while (in.peekU32() == TpmsAttest.MAGIC) {
      if (quotes.size() == MAX_QUOTES) {
        throw new TpmException("more than " + MAX_QUOTES + " quotes");
      }
      int start = in.position();
      TpmsAttest.read(in);
      byte[] attest = Arrays.copyOfRange(bytes, start, in.position());
      start = in.position();
      TpmtSignature.read(in);
      byte[] signature = Arrays.copyOfRange(bytes, start, in.position());
      int count = in.u16("PCR value count");
      if (count > MAX_PCR_VALUES) {
        throw new TpmException("too many PCR values");
      }
      List<byte[]> values = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        values.add(in.tpm2b("PCR value"));
      }
      quotes.add(new TpmQuote(attest, signature, values));
    }
    if (quotes.isEmpty()) {
      throw new TpmException("evidence does not start with a TPMS_ATTEST");
    }
    Optional<PublicKey> ak = switch (in.u8("AK format")) {
      case 0 -> Optional.empty();
      case 1 -> Optional.of(TpmtPublic.toPublicKey(in.tpm2b("AK")));
      case 2 -> Optional.of(spki(in.tpm2b("AK")));
      default -> throw new TpmException("unknown AK format");
    };
    int certCount = in.u8("certificate count");
    if (certCount > MAX_CERTIFICATES) {
      throw new TpmException("too many AK certificates");
    }
    List<X509Certificate> certs = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (int i = 0; i < certCount; i++) {
        byte[] der = in.tpm2b("AK certificate");
        X509Certificate cert =
            (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
        if (!Arrays.equals(cert.getEncoded(), der)) {
          throw new TpmException("AK certificate has trailing or non-DER bytes");
        }
        certs.add(cert);
      }
    } catch (CertificateException | ClassCastException e) {
      throw new TpmException(TpmException.Kind.MALFORMED, "tpm.ak-certificate",
          "AK certificate is malformed", e);
    }
    in.end("TPM evidence");
    return new TpmEvidence(quotes, ak, certs);
  }

  /** An AK from DER SubjectPublicKeyInfo (RSA or EC). */
  public static PublicKey spki(byte[] der) throws TpmException {
    for (String algorithm : new String[] {"RSA", "EC"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        // try the next algorithm
      }
    }
    throw new TpmException(TpmException.Kind.MALFORMED, "tpm.ak", "AK is not an RSA or EC SPKI");
  }

  /** The encoding above (AK as SubjectPublicKeyInfo). */
  public byte[] encode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (TpmQuote quote : quotes) {
      out.writeBytes(quote.attest());
      out.writeBytes(quote.signature());
      List<byte[]> values = quote.pcrValues();
      u16(out, values.size());
      for (byte[] value : values) {
        u16(out, value.length);
        out.writeBytes(value);
      }
    }
    if (ak.isPresent()) {
      out.write(2);
      byte[] der = ak.get().getEncoded();
      u16(out, der.length);
      out.writeBytes(der);
    } else {
      out.write(0);
    }
    out.write(akCertificates.size());
    try {
      for (X509Certificate cert : akCertificates) {
        byte[] der = cert.getEncoded();
        u16(out, der.length);
        out.writeBytes(der);
      }
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("parsed certificate cannot be re-encoded", e);
    }
    return out.toByteArray();
  }

  private static void u16(ByteArrayOutputStream out, int value) {
    if (value > 0xffff) {
      throw new IllegalArgumentException("field longer than 65535 bytes");
    }
    out.write(value >> 8);
    out.write(value);
  }
}
