package dev.castellan.attestation.tdx;

import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;

/**
 * The Intel SGX extensions of a PCK certificate (OID {@code 1.2.840.113741.1.13.1}): the
 * platform's FMSPC, PCE-ID, PCE SVN, CPU SVN and its sixteen TCB component SVNs, per the Intel
 * SGX PCK Certificate and CRL Profile, section 1.5 ("Intel SGX PCK Certificate").
 *
 * @param tcbComponents the sixteen {@code SGX TCB Comp NN SVN} values, in order
 * @param sgxType 0 = Standard, 1 = Scalable, 2 = Scalable with integrity
 */
public record PckExtensions(
    byte[] fmspc, byte[] pceId, int pceSvn, byte[] cpuSvn, int[] tcbComponents, int sgxType) {

  static final String SGX_EXTENSIONS_OID = "1.2.840.113741.1.13.1";
  private static final int MAX_SVN = 0xffff;

  public PckExtensions {
    fmspc = fmspc.clone();
    pceId = pceId.clone();
    cpuSvn = cpuSvn.clone();
    tcbComponents = tcbComponents.clone();
  }

  @Override
  public byte[] fmspc() {
    return fmspc.clone();
  }

  @Override
  public byte[] pceId() {
    return pceId.clone();
  }

  @Override
  public byte[] cpuSvn() {
    return cpuSvn.clone();
  }

  @Override
  public int[] tcbComponents() {
    return tcbComponents.clone();
  }

  /**
   * Reads the SGX extensions of a PCK leaf certificate.
   *
   * @throws TdxException if the extension is missing or malformed, or a field is absent
   */
  public static PckExtensions of(X509Certificate pck) throws TdxException {
    byte[] extension = pck.getExtensionValue(SGX_EXTENSIONS_OID);
    if (extension == null) {
      throw new TdxException("PCK certificate has no SGX extensions");
    }
    try {
      ASN1Sequence fields = ASN1Sequence.getInstance(
          ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(extension).getOctets()));
      byte[] fmspc = null;
      byte[] pceId = null;
      byte[] cpuSvn = null;
      int pceSvn = -1;
      int sgxType = -1;
      int[] components = new int[16];
      int componentsSeen = 0;
      for (ASN1Encodable field : fields) {
        ASN1Sequence pair = ASN1Sequence.getInstance(field);
        String oid = ASN1ObjectIdentifier.getInstance(pair.getObjectAt(0)).getId();
        ASN1Encodable value = pair.getObjectAt(1);
        switch (oid.substring(oid.startsWith(SGX_EXTENSIONS_OID + ".")
            ? SGX_EXTENSIONS_OID.length() + 1 : 0)) {
          case "2" -> {
            for (ASN1Encodable tcbField : ASN1Sequence.getInstance(value)) {
              ASN1Sequence tcbPair = ASN1Sequence.getInstance(tcbField);
              String tcbOid = ASN1ObjectIdentifier.getInstance(tcbPair.getObjectAt(0)).getId();
              int index = Integer.parseInt(tcbOid.substring(tcbOid.lastIndexOf('.') + 1));
              ASN1Encodable tcbValue = tcbPair.getObjectAt(1);
              if (index >= 1 && index <= 16) {
                components[index - 1] = svn(tcbValue);
                componentsSeen |= 1 << (index - 1);
              } else if (index == 17) {
                pceSvn = svn(tcbValue);
              } else if (index == 18) {
                cpuSvn = octets(tcbValue, 16);
              }
            }
          }
          case "3" -> pceId = octets(value, 2);
          case "4" -> fmspc = octets(value, 6);
          case "5" -> sgxType = ASN1Enumerated.getInstance(value).intValueExact();
          default -> { }
        }
      }
      if (fmspc == null || pceId == null || cpuSvn == null || pceSvn < 0
          || componentsSeen != 0xffff || sgxType < 0) {
        throw new TdxException("PCK certificate SGX extensions are incomplete");
      }
      return new PckExtensions(fmspc, pceId, pceSvn, cpuSvn, components, sgxType);
    } catch (IllegalArgumentException | IllegalStateException | ArithmeticException
        | java.io.IOException e) {
      throw new TdxException("PCK certificate SGX extensions are malformed", e);
    }
  }

  private static int svn(ASN1Encodable value) throws TdxException {
    int svn = ASN1Integer.getInstance(value).intValueExact();
    if (svn < 0 || svn > MAX_SVN) {
      throw new TdxException("PCK certificate SVN out of range");
    }
    return svn;
  }

  private static byte[] octets(ASN1Encodable value, int length) throws TdxException {
    byte[] octets = ASN1OctetString.getInstance(value).getOctets();
    if (octets.length != length) {
      throw new TdxException("PCK certificate SGX extension field has the wrong length");
    }
    return octets;
  }
}
