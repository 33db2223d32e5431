package dev.castellan.core.signature;

import dev.castellan.core.hash.HashAlgorithm;
import dev.castellan.core.internal.signature.EcMath;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import org.bouncycastle.crypto.params.ECDomainParameters;

/**
 * The NIST curves Castellan signs with (FIPS 186-5 section 6, SP 800-186 section 3.2.1), each
 * bound to one hash: P-256 with SHA-256 (COSE ES256), P-384 with SHA-384 (COSE ES384). The
 * binding is fixed so that a key can never be used with a weaker or mismatched hash.
 */
public enum EcdsaCurve {
  P_256("P-256", "secp256r1", "1.2.840.10045.3.1.7", HashAlgorithm.SHA_256),
  P_384("P-384", "secp384r1", "1.3.132.0.34", HashAlgorithm.SHA_384);

  private final String nistName;
  private final String secName;
  private final String oid;
  private final HashAlgorithm hashAlgorithm;
  private final ECDomainParameters domain;
  private final int scalarLength;

  EcdsaCurve(String nistName, String secName, String oid, HashAlgorithm hashAlgorithm) {
    this.nistName = nistName;
    this.secName = secName;
    this.oid = oid;
    this.hashAlgorithm = hashAlgorithm;
    this.domain = EcMath.domain(nistName);
    this.scalarLength = EcMath.scalarLength(domain);
  }

  /** The NIST name, e.g. {@code P-256}. */
  public String nistName() {
    return nistName;
  }

  /** The SEC 2 / JCA name, e.g. {@code secp256r1}. */
  public String secName() {
    return secName;
  }

  /** The named-curve object identifier (RFC 5480 section 2.1.1.1). */
  public String oid() {
    return oid;
  }

  /** The hash this curve is always used with. */
  public HashAlgorithm hashAlgorithm() {
    return hashAlgorithm;
  }

  /** Bytes in a scalar or a coordinate: 32 for P-256, 48 for P-384. */
  public int scalarLength() {
    return scalarLength;
  }

  /** Length of an IEEE P1363 signature {@code r || s}: twice {@link #scalarLength()}. */
  public int p1363SignatureLength() {
    return 2 * scalarLength;
  }

  ECDomainParameters domain() {
    return domain;
  }

  /** The JDK's parameters for this curve (SunEC knows both). */
  ECParameterSpec jcaParameters() {
    try {
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
      parameters.init(new ECGenParameterSpec(secName));
      return parameters.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks curve " + secName, e);
    }
  }

  /** The curve whose JCA parameters these are. */
  static EcdsaCurve fromJca(ECParameterSpec spec) throws InvalidKeyException {
    for (EcdsaCurve curve : values()) {
      ECParameterSpec known = curve.jcaParameters();
      if (known.getOrder().equals(spec.getOrder())
          && known.getCurve().equals(spec.getCurve())
          && known.getGenerator().equals(spec.getGenerator())
          && known.getCofactor() == spec.getCofactor()) {
        return curve;
      }
    }
    throw new InvalidKeyException("EC key is not on P-256 or P-384");
  }
}
