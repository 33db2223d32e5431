package dev.castellan.attestation.tpm;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Locale;

/**
 * A TPMT_SIGNATURE (TPM 2.0 Library Part 2, 11.3.4) with scheme RSASSA (0x0014), RSAPSS
 * (0x0016) or ECDSA (0x0018), and its verification over a TPMS_ATTEST.
 *
 * @param sigAlg the signature scheme's TPM_ALG_ID
 * @param hashAlg the scheme's hash TPM_ALG_ID; quotes compute pcrDigest with it too
 * @param rsa the RSA signature (empty for ECDSA)
 * @param r the ECDSA r (empty for RSA)
 * @param s the ECDSA s (empty for RSA)
 */
public record TpmtSignature(int sigAlg, int hashAlg, byte[] rsa, byte[] r, byte[] s) {
  public static final int RSASSA = 0x0014;
  public static final int RSAPSS = 0x0016;
  public static final int ECDSA = 0x0018;

  public TpmtSignature {
    rsa = rsa.clone();
    r = r.clone();
    s = s.clone();
  }

  /** Parses exactly {@code bytes}. */
  public static TpmtSignature parse(byte[] bytes) throws TpmException {
    BeReader in = new BeReader(bytes);
    TpmtSignature signature = read(in);
    in.end("TPMT_SIGNATURE");
    return signature;
  }

  static TpmtSignature read(BeReader in) throws TpmException {
    int sigAlg = in.u16("sigAlg");
    int hashAlg = in.u16("signature hash");
    TpmHash.of(hashAlg);
    return switch (sigAlg) {
      case RSASSA, RSAPSS -> new TpmtSignature(sigAlg, hashAlg, in.tpm2b("signature"),
          new byte[0], new byte[0]);
      case ECDSA -> new TpmtSignature(sigAlg, hashAlg, new byte[0], in.tpm2b("signatureR"),
          in.tpm2b("signatureS"));
      default -> throw new TpmException(
          String.format(Locale.ROOT, "unsupported signature scheme 0x%04x", sigAlg));
    };
  }

  /** The scheme's hash. */
  TpmHash hash() throws TpmException {
    return TpmHash.of(hashAlg);
  }

  /**
   * Verifies this signature over {@code data} with {@code key}; the key type must match the
   * scheme.
   *
   * @throws TpmException (check {@code tpm.signature}) if it does not verify
   */
  public void verify(PublicKey key, byte[] data) throws TpmException {
    TpmHash hash = hash();
    boolean valid;
    try {
      switch (sigAlg) {
        case RSASSA -> {
          requireKey(key instanceof RSAPublicKey);
          valid = rsa(hash.jcaPrefix + "withRSA", null, key, data);
        }
        case RSAPSS -> {
          requireKey(key instanceof RSAPublicKey);
          // TPMs use a salt as long as the digest (FIPS 186-4) or the maximum; accept both.
          int maxSalt = (((RSAPublicKey) key).getModulus().bitLength() + 7) / 8 - hash.size - 2;
          valid = rsa("RSASSA-PSS", pss(hash, hash.size), key, data)
              || rsa("RSASSA-PSS", pss(hash, maxSalt), key, data);
        }
        default -> {
          requireKey(key instanceof ECPublicKey);
          int size = (((ECPublicKey) key).getParams().getCurve().getField().getFieldSize() + 7) / 8;
          byte[] p1363 = new byte[2 * size];
          place(r, p1363, 0, size);
          place(s, p1363, size, size);
          Signature verifier = Signature.getInstance(hash.jcaPrefix + "withECDSAinP1363Format");
          verifier.initVerify(key);
          verifier.update(data);
          valid = verifier.verify(p1363);
        }
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new TpmException(TpmException.Kind.SIGNATURE, "tpm.signature",
          "quote signature does not verify", e);
    }
    if (!valid) {
      throw new TpmException(TpmException.Kind.SIGNATURE, "tpm.signature",
          "quote signature does not verify");
    }
  }

  private static void requireKey(boolean matches) throws TpmException {
    if (!matches) {
      throw new TpmException(TpmException.Kind.SIGNATURE, "tpm.signature",
          "the AK type does not match the signature scheme");
    }
  }

  private static PSSParameterSpec pss(TpmHash hash, int salt) {
    return new PSSParameterSpec(hash.jcaDigest, "MGF1", new MGF1ParameterSpec(hash.jcaDigest),
        salt, 1);
  }

  private boolean rsa(String algorithm, PSSParameterSpec params, PublicKey key, byte[] data)
      throws GeneralSecurityException {
    Signature verifier = Signature.getInstance(algorithm);
    if (params != null) {
      verifier.setParameter(params);
    }
    verifier.initVerify(key);
    verifier.update(data);
    return verifier.verify(rsa);
  }

  /** Left-pads an unsigned big-endian integer into {@code size} bytes; rejects longer ones. */
  private static void place(byte[] value, byte[] out, int offset, int size)
      throws TpmException {
    byte[] magnitude = new BigInteger(1, value).toByteArray();
    int skip = magnitude.length > size && magnitude[0] == 0 ? 1 : 0;
    int length = magnitude.length - skip;
    if (length > size) {
      throw new TpmException(TpmException.Kind.SIGNATURE, "tpm.signature",
          "ECDSA signature component is longer than the curve order");
    }
    System.arraycopy(magnitude, skip, out, offset + size - length, length);
  }

  @Override
  public byte[] rsa() {
    return rsa.clone();
  }

  @Override
  public byte[] r() {
    return r.clone();
  }

  @Override
  public byte[] s() {
    return s.clone();
  }
}
