package dev.castellan.keys.pkcs11;

import dev.castellan.keys.pkcs11.internal.Ck;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The key types a {@link Pkcs11Signer} signs with, as the log's records accept them: ECDSA
 * P-256 with SHA-256 (CKM_ECDSA over a digest computed here; DER, low-S) and Ed25519 (CKM_EDDSA
 * without parameters, pure Ed25519 of RFC 8032 over the data itself).
 */
public enum Pkcs11KeyType {
  /** CKK_EC on secp256r1; {@code CKA_EC_PARAMS} is the named-curve OID 1.2.840.10045.3.1.7. */
  P256("p256", Ck.CKK_EC, Ck.CKM_EC_KEY_PAIR_GEN, Ck.CKM_ECDSA, "06082a8648ce3d030107", null),
  /**
   * CKK_EC_EDWARDS on edwards25519; {@code CKA_EC_PARAMS} is the OID 1.3.101.112 (RFC 8410),
   * or, as PKCS#11 3.0 also allows and older tokens write, the PrintableString "edwards25519".
   */
  ED25519("ed25519", Ck.CKK_EC_EDWARDS, Ck.CKM_EC_EDWARDS_KEY_PAIR_GEN, Ck.CKM_EDDSA, "06032b6570",
      "130c656477617264733235353139");

  private final String name;
  private final long keyType;
  private final long generationMechanism;
  private final long signatureMechanism;
  private final byte[] ecParams;
  private final byte[] ecParamsAlternative;

  Pkcs11KeyType(String name, long keyType, long generationMechanism, long signatureMechanism,
      String ecParams, String ecParamsAlternative) {
    this.name = name;
    this.keyType = keyType;
    this.generationMechanism = generationMechanism;
    this.signatureMechanism = signatureMechanism;
    this.ecParams = HexFormat.of().parseHex(ecParams);
    this.ecParamsAlternative = ecParamsAlternative == null ? null : HexFormat.of().parseHex(ecParamsAlternative);
  }

  /** {@code p256} or {@code ed25519}, as the CLI's {@code --type} spells it. */
  public String id() {
    return name;
  }

  /** The type named {@code p256} or {@code ed25519} (any case). */
  public static Optional<Pkcs11KeyType> of(String id) {
    return Arrays.stream(values()).filter(t -> t.name.equals(id.toLowerCase(Locale.ROOT))).findFirst();
  }

  long keyType() {
    return keyType;
  }

  long generationMechanism() {
    return generationMechanism;
  }

  long signatureMechanism() {
    return signatureMechanism;
  }

  /** The {@code CKA_EC_PARAMS} written when generating (DER). */
  byte[] ecParams() {
    return ecParams.clone();
  }

  /** The type of a key with {@code CKA_KEY_TYPE} {@code keyType} and these {@code CKA_EC_PARAMS}. */
  static Optional<Pkcs11KeyType> of(long keyType, byte[] ecParams) {
    for (Pkcs11KeyType type : values()) {
      if (type.keyType == keyType && (Arrays.equals(type.ecParams, ecParams)
          || (type.ecParamsAlternative != null && Arrays.equals(type.ecParamsAlternative, ecParams)))) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /** What the signature is, for people: {@code ECDSA P-256 SHA-256 (DER)}. */
  public String signatureDescription() {
    return this == P256 ? "ECDSA P-256 SHA-256 (DER)" : "Ed25519 (RFC 8032)";
  }
}
