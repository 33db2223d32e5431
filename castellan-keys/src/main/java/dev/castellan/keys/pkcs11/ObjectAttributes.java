package dev.castellan.keys.pkcs11;

import dev.castellan.keys.pkcs11.internal.Ck;
import dev.castellan.keys.pkcs11.internal.Cryptoki;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads the non-secret attributes of one object in one session. */
final class ObjectAttributes {
  private static final Map<Long, Pkcs11Uri.ObjectType> CLASSES = Map.of(
      Ck.CKO_DATA, Pkcs11Uri.ObjectType.DATA, Ck.CKO_CERTIFICATE, Pkcs11Uri.ObjectType.CERT,
      Ck.CKO_PUBLIC_KEY, Pkcs11Uri.ObjectType.PUBLIC, Ck.CKO_PRIVATE_KEY, Pkcs11Uri.ObjectType.PRIVATE,
      Ck.CKO_SECRET_KEY, Pkcs11Uri.ObjectType.SECRET_KEY);
  private static final Map<Long, String> KEY_TYPES = Map.of(
      Ck.CKK_RSA, "rsa", Ck.CKK_EC, "ec", Ck.CKK_EC_EDWARDS, "ec-edwards", Ck.CKK_AES, "aes");

  private final Cryptoki cryptoki;
  private final long session;
  private final long object;

  ObjectAttributes(Cryptoki cryptoki, long session, long object) {
    this.cryptoki = cryptoki;
    this.session = session;
    this.object = object;
  }

  /** The object's class as a URI type; empty for classes RFC 7512 cannot name (hardware features, ...). */
  Optional<Pkcs11Uri.ObjectType> type() throws Pkcs11Exception {
    return ulong(Ck.CKA_CLASS).map(CLASSES::get);
  }

  String label() throws Pkcs11Exception {
    return cryptoki.attribute(session, object, Ck.CKA_LABEL).map(b -> new String(b, StandardCharsets.UTF_8)).orElse("");
  }

  byte[] id() throws Pkcs11Exception {
    return cryptoki.attribute(session, object, Ck.CKA_ID).orElse(new byte[0]);
  }

  /** A signing key type Castellan knows, from CKA_KEY_TYPE and CKA_EC_PARAMS. */
  Optional<Pkcs11KeyType> keyType() throws Pkcs11Exception {
    Optional<Long> keyType = ulong(Ck.CKA_KEY_TYPE);
    if (keyType.isEmpty() || (keyType.get() != Ck.CKK_EC && keyType.get() != Ck.CKK_EC_EDWARDS)) {
      return Optional.empty();
    }
    Optional<byte[]> params = cryptoki.attribute(session, object, Ck.CKA_EC_PARAMS);
    return params.flatMap(p -> Pkcs11KeyType.of(keyType.get(), p));
  }

  /** {@code p256}, {@code ed25519}, another key type's name, or empty for a non-key. */
  String keyTypeName() throws Pkcs11Exception {
    Optional<Pkcs11KeyType> known = keyType();
    if (known.isPresent()) {
      return known.get().id();
    }
    return ulong(Ck.CKA_KEY_TYPE).map(t -> KEY_TYPES.getOrDefault(t, String.format(Locale.ROOT, "ckk-0x%x", t))).orElse("");
  }

  Optional<byte[]> ecPoint() throws Pkcs11Exception {
    return cryptoki.attribute(session, object, Ck.CKA_EC_POINT);
  }

  boolean bool(long attribute) throws Pkcs11Exception {
    return cryptoki.attribute(session, object, attribute).map(b -> b.length == 1 && b[0] != 0).orElse(false);
  }

  Pkcs11Object.Protection protection() throws Pkcs11Exception {
    return new Pkcs11Object.Protection(bool(Ck.CKA_SENSITIVE), bool(Ck.CKA_ALWAYS_SENSITIVE),
        bool(Ck.CKA_EXTRACTABLE), bool(Ck.CKA_NEVER_EXTRACTABLE), bool(Ck.CKA_LOCAL));
  }

  private Optional<Long> ulong(long attribute) throws Pkcs11Exception {
    Optional<byte[]> value = cryptoki.attribute(session, object, attribute);
    if (value.isPresent() && value.get().length != 8) {
      throw new Pkcs11Exception("the token returned a CK_ULONG attribute of " + value.get().length + " bytes");
    }
    return value.map(b -> ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).getLong());
  }
}
