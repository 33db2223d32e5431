package dev.castellan.attestation.tdx;

import static dev.castellan.attestation.PlatformException.Kind.CHAIN;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;

/** ECDSA P-256 and X.509 checks shared by the TDX verifier. All failures are TdxException. */
public final class Crypto {
  private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
  private static final ECParameterSpec P256_SPEC;

  static {
    try {
      java.security.AlgorithmParameters params = java.security.AlgorithmParameters.getInstance("EC");
      params.init(new java.security.spec.ECGenParameterSpec("secp256r1"));
      P256_SPEC = params.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private Crypto() {}

  /** A P-256 public key from raw X‖Y, rejecting points that are not on the curve. */
  public static PublicKey p256(byte[] xy, String what) throws TdxException {
    if (xy.length != 64) {
      throw new TdxException(TdxException.Kind.SIGNATURE, "tdx.attestation-key",
          what + " is not a 64-byte P-256 point");
    }
    byte[] encoded = new byte[65];
    encoded[0] = 4;
    System.arraycopy(xy, 0, encoded, 1, 64);
    try {
      if (!P256.getCurve().decodePoint(encoded).isValid()) {
        throw new TdxException(TdxException.Kind.SIGNATURE, "tdx.attestation-key",
            what + " is not a valid P-256 point");
      }
      ECPoint point = new ECPoint(new BigInteger(1, Arrays.copyOfRange(xy, 0, 32)),
          new BigInteger(1, Arrays.copyOfRange(xy, 32, 64)));
      return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, P256_SPEC));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new TdxException(TdxException.Kind.SIGNATURE, "tdx.attestation-key",
          what + " is not a valid P-256 point", e);
    }
  }

  /** Verifies a raw r‖s ECDSA P-256 / SHA-256 signature; throws naming {@code what}. */
  public static void verifyEcdsa(PublicKey key, byte[] signature, byte[] data, String check, String what)
      throws TdxException {
    boolean valid;
    try {
      Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
      verifier.initVerify(key);
      verifier.update(data);
      valid = verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      throw new TdxException(TdxException.Kind.SIGNATURE, check, what + " does not verify", e);
    }
    if (!valid) {
      throw new TdxException(TdxException.Kind.SIGNATURE, check, what + " does not verify");
    }
  }

  /**
   * Validates {@code chain} (leaf first; a copy of the pinned root at its end is dropped) up to
   * the pinned {@code root} at {@code time}, with PKIX. Revocation is checked separately.
   */
  public static void validateChain(List<X509Certificate> chain, X509Certificate root, Instant time,
      String check, String what) throws TdxException {
    List<X509Certificate> path = new ArrayList<>(chain);
    if (!path.isEmpty() && path.getLast().equals(root)) {
      path.removeLast();
    }
    if (path.isEmpty()) {
      throw new TdxException(TdxException.Kind.CHAIN, check,
          what + " holds no certificate below the root");
    }
    try {
      PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
      params.setRevocationEnabled(false);
      params.setDate(Date.from(time));
      CertPathValidator.getInstance("PKIX").validate(
          CertificateFactory.getInstance("X.509").generateCertPath(path), params);
    } catch (GeneralSecurityException e) {
      throw new TdxException(TdxException.Kind.CHAIN, check,
          what + " does not validate to the pinned Intel root at the verification time", e);
    }
  }

  /**
   * Checks a CRL: issued and signed by {@code issuer}, current at {@code time}, and listing
   * none of {@code subjects}.
   */
  public static void checkCrl(X509CRL crl, X509Certificate issuer, List<X509Certificate> subjects,
      Instant time, String what) throws TdxException {
    if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
      throw new TdxException(CHAIN, "tdx.crl", what + " is not issued by the expected CA");
    }
    try {
      crl.verify(issuer.getPublicKey());
    } catch (GeneralSecurityException e) {
      throw new TdxException(CHAIN, "tdx.crl", what + " signature does not verify", e);
    }
    Date at = Date.from(time);
    if (crl.getThisUpdate().after(at)) {
      throw new TdxException(CHAIN, "tdx.crl", what + " is not yet valid");
    }
    if (crl.getNextUpdate() == null || !crl.getNextUpdate().after(at)) {
      throw new TdxException(CHAIN, "tdx.crl", what + " has expired");
    }
    for (X509Certificate subject : subjects) {
      X509CRLEntry entry = crl.getRevokedCertificate(subject);
      if (entry != null) {
        throw new TdxException(CHAIN, "tdx.crl",
            what + " lists a certificate of the chain as revoked");
      }
    }
  }
}
