package dev.castellan.attestation.snp;

import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.MalformedEvidenceException;
import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.OptionalInt;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;

/**
 * The AMD extensions of a VCEK or VLEK certificate (AMD spec 57230 §3.1 Table 9):
 * {@code 1.3.6.1.4.1.3704.1.3.{1,2,3,8}} boot loader, TEE, SNP and microcode SPLs ({@code
 * .3.9} FMC on Turin), {@code .1.4} hwID (the CHIP_ID; VCEK only), {@code .1.2} productName,
 * {@code .1.5} cspID (VLEK only).
 *
 * <p>hwID is read in both encodings seen in the field: the raw bytes as the extension value
 * (KDS certificates) and a DER OCTET STRING wrapping them. It is 64 bytes, except on Turin,
 * where KDS issues an 8-byte hwID equal to the first 8 bytes of CHIP_ID.
 */
record EndorsementExtensions(
    OptionalInt bootloader,
    OptionalInt tee,
    OptionalInt snp,
    OptionalInt microcode,
    OptionalInt fmc,
    Optional<ByteString> hwId,
    String productName,
    Optional<String> cspId) {
  static final String CHECK = "snp.endorsement";
  private static final String AMD = "1.3.6.1.4.1.3704.1.";
  static final int HWID_SIZE = 64;
  static final int TURIN_HWID_SIZE = 8;

  static EndorsementExtensions read(X509Certificate cert) throws MalformedEvidenceException {
    return new EndorsementExtensions(
        spl(cert, "3.1"),
        spl(cert, "3.2"),
        spl(cert, "3.3"),
        spl(cert, "3.8"),
        spl(cert, "3.9"),
        hwId(cert),
        string(cert, "2").orElse(""),
        string(cert, "5"));
  }

  /** The extension's inner value (the content of the extnValue OCTET STRING). */
  private static Optional<byte[]> value(X509Certificate cert, String suffix)
      throws MalformedEvidenceException {
    byte[] wrapped = cert.getExtensionValue(AMD + suffix);
    if (wrapped == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(ASN1OctetString.getInstance(ASN1Primitive.fromByteArray(wrapped)).getOctets());
    } catch (IOException | RuntimeException e) {
      throw new MalformedEvidenceException(CHECK, "AMD extension " + suffix + " is not an OCTET STRING");
    }
  }

  private static OptionalInt spl(X509Certificate cert, String suffix)
      throws MalformedEvidenceException {
    Optional<byte[]> value = value(cert, suffix);
    if (value.isEmpty()) {
      return OptionalInt.empty();
    }
    try {
      BigInteger v = ASN1Integer.getInstance(ASN1Primitive.fromByteArray(value.get())).getValue();
      if (v.signum() < 0 || v.bitLength() > 8) {
        throw new MalformedEvidenceException(CHECK, "SPL extension " + suffix + " out of range 0..255");
      }
      return OptionalInt.of(v.intValue());
    } catch (IOException | RuntimeException e) {
      throw new MalformedEvidenceException(CHECK, "SPL extension " + suffix + " is not an INTEGER");
    }
  }

  private static Optional<String> string(X509Certificate cert, String suffix)
      throws MalformedEvidenceException {
    Optional<byte[]> value = value(cert, suffix);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      ASN1Primitive p = ASN1Primitive.fromByteArray(value.get());
      if (p instanceof ASN1String s) {
        return Optional.of(s.getString());
      }
    } catch (IOException | RuntimeException e) {
      // fall through to the error below
    }
    throw new MalformedEvidenceException(CHECK, "AMD extension " + suffix + " is not a string");
  }

  private static Optional<ByteString> hwId(X509Certificate cert) throws MalformedEvidenceException {
    Optional<byte[]> value = value(cert, "4");
    if (value.isEmpty()) {
      return Optional.empty();
    }
    byte[] v = value.get();
    if (v.length == HWID_SIZE || v.length == TURIN_HWID_SIZE) {
      return Optional.of(ByteString.of(v));
    }
    if ((v.length == HWID_SIZE + 2 || v.length == TURIN_HWID_SIZE + 2)
        && v[0] == 0x04
        && v[1] == v.length - 2) {
      return Optional.of(ByteString.copyOf(v, 2, v.length - 2));
    }
    throw new MalformedEvidenceException(
        CHECK, "hwID extension has the wrong size", HWID_SIZE + " (or 8 on Turin) bytes", v.length + " bytes");
  }
}
