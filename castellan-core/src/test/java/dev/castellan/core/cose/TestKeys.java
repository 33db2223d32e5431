package dev.castellan.core.cose;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.signature.PublicKeySign;
import dev.castellan.core.signature.PublicKeyVerify;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Base64;
import java.security.MessageDigest;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.util.BigIntegers;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import tools.jackson.databind.JsonNode;

/**
 * Test-only signers and verifiers over the JDK (ECDSA in P1363 form) and BouncyCastle's
 * lightweight Ed25519, so the COSE tests do not depend on castellan's own signature
 * implementations. Keys come from the cose-wg JSON format (JWK-like {@code x}/{@code y}/{@code
 * d} base64url, or {@code x_hex}/{@code d_hex}).
 */
public final class TestKeys {
  private TestKeys() {}

  /** A signer/verifier pair for one key. */
  public record Pair(PublicKeySign signer, PublicKeyVerify verifier, PublicKey jcaPublicKey) {}

  public static Pair fromCoseWgKey(JsonNode key) throws GeneralSecurityException {
    String crv = key.path("crv").asString();
    return switch (crv) {
      case "P-256" -> ec("secp256r1", "SHA256withECDSAinP1363Format", key);
      case "P-384" -> ec("secp384r1", "SHA384withECDSAinP1363Format", key);
      case "P-521" -> ec("secp521r1", "SHA512withECDSAinP1363Format", key);
      case "Ed25519" -> ed25519(Hex.decode(key.path("d_hex").asString()));
      default -> throw new IllegalArgumentException("test key curve not supported: " + crv);
    };
  }

  public static Pair ecFromHex(String curve, String jcaSignature, String d, String x, String y)
      throws GeneralSecurityException {
    return ec(curve, jcaSignature, Hex.decode(d), Hex.decode(x), Hex.decode(y));
  }

  public static Pair freshEc(String curve, String jcaSignature) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec(curve));
    KeyPair pair = generator.generateKeyPair();
    return jca(pair.getPrivate(), pair.getPublic(), jcaSignature);
  }

  public static Pair ed25519(byte[] seed) {
    Ed25519PrivateKeyParameters privateKey = new Ed25519PrivateKeyParameters(seed, 0);
    Ed25519PublicKeyParameters publicKey = privateKey.generatePublicKey();
    PublicKeySign signer =
        data -> {
          Ed25519Signer s = new Ed25519Signer();
          s.init(true, privateKey);
          s.update(data, 0, data.length);
          return s.generateSignature();
        };
    PublicKeyVerify verifier =
        (signature, data) -> {
          Ed25519Signer s = new Ed25519Signer();
          s.init(false, publicKey);
          s.update(data, 0, data.length);
          if (!s.verifySignature(signature)) {
            throw new SignatureException("Ed25519 signature invalid");
          }
        };
    PublicKey jca;
    try {
      // X.509 SubjectPublicKeyInfo for Ed25519: fixed 12-byte prefix + 32-byte key.
      byte[] spki = Hex.decode("302a300506032b6570032100" + Hex.encode(publicKey.getEncoded()));
      jca = KeyFactory.getInstance("Ed25519").generatePublic(new java.security.spec.X509EncodedKeySpec(spki));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    return new Pair(signer, verifier, jca);
  }

  /**
   * A deterministic ES256 signer (RFC 6979 nonces, BouncyCastle lightweight API), returning raw
   * {@code r || s}: the cose-wg ES256 examples and RFC 8392 A.3 were made this way, so it lets
   * tests compare whole messages byte for byte.
   */
  public static PublicKeySign deterministicP256(byte[] d) {
    X9ECParameters curve = CustomNamedCurves.getByName("P-256");
    ECDomainParameters domain = new ECDomainParameters(curve);
    ECPrivateKeyParameters privateKey = new ECPrivateKeyParameters(new BigInteger(1, d), domain);
    return data -> {
      ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
      signer.init(true, privateKey);
      BigInteger[] rs = signer.generateSignature(MessageDigest.getInstance("SHA-256").digest(data));
      byte[] out = new byte[64];
      BigIntegers.asUnsignedByteArray(rs[0], out, 0, 32);
      BigIntegers.asUnsignedByteArray(rs[1], out, 32, 32);
      return out;
    };
  }

  public static byte[] base64Url(JsonNode key, String field) {
    return Base64.getUrlDecoder().decode(key.path(field).asString());
  }

  private static Pair ec(String curve, String jcaSignature, JsonNode key) throws GeneralSecurityException {
    Base64.Decoder b64 = Base64.getUrlDecoder();
    return ec(
        curve,
        jcaSignature,
        b64.decode(key.path("d").asString()),
        b64.decode(key.path("x").asString()),
        b64.decode(key.path("y").asString()));
  }

  private static Pair ec(String curve, String jcaSignature, byte[] d, byte[] x, byte[] y)
      throws GeneralSecurityException {
    AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
    parameters.init(new ECGenParameterSpec(curve));
    ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
    KeyFactory factory = KeyFactory.getInstance("EC");
    PublicKey publicKey =
        factory.generatePublic(
            new ECPublicKeySpec(new ECPoint(new BigInteger(1, x), new BigInteger(1, y)), spec));
    PrivateKey privateKey = factory.generatePrivate(new ECPrivateKeySpec(new BigInteger(1, d), spec));
    return jca(privateKey, publicKey, jcaSignature);
  }

  private static Pair jca(PrivateKey privateKey, PublicKey publicKey, String jcaSignature) {
    PublicKeySign signer =
        data -> {
          Signature s = Signature.getInstance(jcaSignature);
          s.initSign(privateKey);
          s.update(data);
          return s.sign();
        };
    PublicKeyVerify verifier =
        (signature, data) -> {
          Signature s = Signature.getInstance(jcaSignature);
          s.initVerify(publicKey);
          s.update(data);
          if (!s.verify(signature)) {
            throw new SignatureException("ECDSA signature invalid");
          }
        };
    return new Pair(signer, verifier, publicKey);
  }
}
