package dev.castellan.attestation.tpm;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Locale;

/**
 * Reads the public key of a TPMT_PUBLIC (TPM 2.0 Library Part 2, 12.2.4) of type RSA or ECC
 * (NIST P-256/P-384/P-521), as an attestation key. Only the fields needed to rebuild the key
 * are interpreted; the structure must still be well formed and fill the input exactly.
 */
public final class TpmtPublic {
  private static final int ALG_RSA = 0x0001;
  private static final int ALG_ECC = 0x0023;
  private static final int ALG_NULL = 0x0010;

  private TpmtPublic() {}

  /**
   * The public key of {@code tpmtPublic} (a TPMT_PUBLIC, or a TPM2B_PUBLIC with its size
   * prefix, as {@code tpm2_createak -u} writes it).
   */
  public static PublicKey toPublicKey(byte[] tpmtPublic) throws TpmException {
    BeReader in = new BeReader(tpmtPublic);
    if (tpmtPublic.length >= 2
        && ((tpmtPublic[0] & 0xff) << 8 | (tpmtPublic[1] & 0xff)) == tpmtPublic.length - 2) {
      in.u16("TPM2B_PUBLIC size");
    }
    int type = in.u16("type");
    TpmHash.of(in.u16("nameAlg"));
    in.u32("objectAttributes");
    in.tpm2b("authPolicy");
    if (in.u16("symmetric") != ALG_NULL) {
      in.u16("symmetric keyBits");
      in.u16("symmetric mode");
    }
    if (in.u16("scheme") != ALG_NULL) {
      in.u16("scheme hash");
    }
    try {
      PublicKey key;
      if (type == ALG_RSA) {
        int bits = in.u16("keyBits");
        long exponent = in.u32("exponent");
        byte[] modulus = in.tpm2b("modulus");
        if (modulus.length * 8 != bits || bits < 2048) {
          throw new TpmException("RSA AK modulus is not the declared size (2048 bits or more)");
        }
        key = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
            new BigInteger(1, modulus), BigInteger.valueOf(exponent == 0 ? 65537 : exponent)));
      } else if (type == ALG_ECC) {
        String curve = switch (in.u16("curveID")) {
          case 0x0003 -> "secp256r1";
          case 0x0004 -> "secp384r1";
          case 0x0005 -> "secp521r1";
          default -> throw new TpmException("unsupported ECC curve");
        };
        if (in.u16("kdf") != ALG_NULL) {
          in.u16("kdf hash");
        }
        BigInteger x = new BigInteger(1, in.tpm2b("x"));
        BigInteger y = new BigInteger(1, in.tpm2b("y"));
        // Reject points off the curve before the JDK sees them (invalid-curve attacks).
        org.bouncycastle.crypto.ec.CustomNamedCurves.getByName(curve).getCurve()
            .validatePoint(x, y);
        AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
        params.init(new ECGenParameterSpec(curve));
        key = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(
            new ECPoint(x, y), params.getParameterSpec(ECParameterSpec.class)));
      } else {
        throw new TpmException(String.format(Locale.ROOT, "unsupported key type 0x%04x", type));
      }
      in.end("TPMT_PUBLIC");
      return key;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      if (e instanceof TpmException tpm) {
        throw tpm;
      }
      throw new TpmException(TpmException.Kind.MALFORMED, "tpm.ak", "AK public key is invalid", e);
    }
  }
}
