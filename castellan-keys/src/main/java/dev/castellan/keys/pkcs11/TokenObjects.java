package dev.castellan.keys.pkcs11;

import dev.castellan.core.bytes.Hex;
import dev.castellan.keys.pkcs11.internal.Ck;
import dev.castellan.keys.pkcs11.internal.Cryptoki;
import dev.castellan.keys.pkcs11.internal.Template;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Listing, finding and generating objects in one session of a token. */
final class TokenObjects {
  /** CKA_LABEL and CKA_ID of keys generated here: the URI parser's bounds. */
  private static final int MAX_LABEL = 255;
  private static final int MAX_ID = 255;

  /** A private key found for signing, with its public key. */
  record Key(long handle, Pkcs11KeyType type, byte[] publicKeyInfo, Pkcs11Uri uri) {}

  private TokenObjects() {}

  static List<Pkcs11Object> list(Cryptoki cryptoki, long session, Pkcs11Uri token) throws Pkcs11Exception {
    List<Pkcs11Object> objects = new ArrayList<>();
    for (long handle : cryptoki.findObjects(session, new Template(), Pkcs11Token.MAX_OBJECTS)) {
      ObjectAttributes a = new ObjectAttributes(cryptoki, session, handle);
      Optional<Pkcs11Uri.ObjectType> type = a.type();
      if (type.isEmpty()) {
        continue;
      }
      String label = a.label();
      byte[] id = a.id();
      boolean key = type.get() == Pkcs11Uri.ObjectType.PUBLIC || type.get() == Pkcs11Uri.ObjectType.PRIVATE
          || type.get() == Pkcs11Uri.ObjectType.SECRET_KEY;
      Optional<byte[]> spki = Optional.empty();
      Optional<Pkcs11KeyType> keyType = key ? a.keyType() : Optional.empty();
      if (type.get() == Pkcs11Uri.ObjectType.PUBLIC && keyType.isPresent()) {
        spki = publicKeyInfo(a, keyType.get());
      }
      Optional<Pkcs11Object.Protection> protection = type.get() == Pkcs11Uri.ObjectType.PRIVATE
          || type.get() == Pkcs11Uri.ObjectType.SECRET_KEY ? Optional.of(a.protection()) : Optional.empty();
      objects.add(new Pkcs11Object(type.get(), key ? a.keyTypeName() : "", label, id, spki, protection,
          token.forObject(label, id, type.get())));
    }
    // A private key shows the fingerprint of the public key object with its id.
    List<Pkcs11Object> withKeys = new ArrayList<>();
    for (Pkcs11Object o : objects) {
      Optional<byte[]> spki = o.publicKeyInfo();
      if (o.type() == Pkcs11Uri.ObjectType.PRIVATE && spki.isEmpty() && o.id().length > 0) {
        spki = objects.stream().filter(p -> p.type() == Pkcs11Uri.ObjectType.PUBLIC && Arrays.equals(p.id(), o.id())
            && p.keyType().equals(o.keyType())).findFirst().flatMap(Pkcs11Object::publicKeyInfo);
      }
      withKeys.add(new Pkcs11Object(o.type(), o.keyType(), o.label(), o.id(), spki, o.protection(), o.uri()));
    }
    withKeys.sort(Comparator.comparing(Pkcs11Object::label).thenComparing(o -> Hex.encode(o.id()))
        .thenComparing(o -> o.type().ordinal()));
    return withKeys;
  }

  private static Optional<byte[]> publicKeyInfo(ObjectAttributes a, Pkcs11KeyType type) throws Pkcs11Exception {
    Optional<byte[]> point = a.ecPoint();
    return point.isEmpty() ? Optional.empty() : Optional.of(PublicKeys.spki(type, point.get()));
  }

  static Pkcs11Object generate(Cryptoki cryptoki, long session, Pkcs11Uri token, String tokenLabel,
      Pkcs11KeyType type, String label, byte[] id) throws Pkcs11Exception {
    byte[] labelBytes = label.getBytes(StandardCharsets.UTF_8);
    if (labelBytes.length == 0 || labelBytes.length > MAX_LABEL || label.chars().anyMatch(Character::isISOControl)) {
      throw new Pkcs11Exception("a key's label must be 1 to " + MAX_LABEL + " bytes of UTF-8 without control characters");
    }
    if (id.length == 0 || id.length > MAX_ID) {
      throw new Pkcs11Exception("a key's id must be 1 to " + MAX_ID + " bytes");
    }
    String where = "token " + TokenMatch.quote(tokenLabel);
    if (cryptoki.anyObject(session, new Template().add(Ck.CKA_LABEL, labelBytes))) {
      throw new Pkcs11Exception(where + " already holds an object labelled " + TokenMatch.quote(label));
    }
    if (cryptoki.anyObject(session, new Template().add(Ck.CKA_ID, id))) {
      throw new Pkcs11Exception(where + " already holds an object with id " + Hex.encode(id));
    }
    Template publicKey = new Template()
        .add(Ck.CKA_TOKEN, true).add(Ck.CKA_PRIVATE, false).add(Ck.CKA_VERIFY, true)
        .add(Ck.CKA_EC_PARAMS, type.ecParams()).add(Ck.CKA_LABEL, labelBytes).add(Ck.CKA_ID, id);
    Template privateKey = new Template()
        .add(Ck.CKA_TOKEN, true).add(Ck.CKA_PRIVATE, true).add(Ck.CKA_SENSITIVE, true).add(Ck.CKA_EXTRACTABLE, false)
        .add(Ck.CKA_SIGN, true).add(Ck.CKA_DERIVE, false).add(Ck.CKA_LABEL, labelBytes).add(Ck.CKA_ID, id);
    long[] handles;
    try {
      handles = cryptoki.generateKeyPair(session, type.generationMechanism(), publicKey, privateKey);
    } catch (Pkcs11Exception e) {
      throw new Pkcs11Exception(where + ": cannot generate a " + type.id() + " key pair: " + e.getMessage(),
          e.function().orElse(null), e.returnValue());
    }
    ObjectAttributes privateAttributes = new ObjectAttributes(cryptoki, session, handles[1]);
    Pkcs11Object.Protection protection = privateAttributes.protection();
    if (!protection.sensitive() || protection.extractable()) {
      throw new Pkcs11Exception(where + " ignored CKA_SENSITIVE=true or CKA_EXTRACTABLE=false: the key pair "
          + TokenMatch.quote(label) + " exists but is not protected; delete it");
    }
    byte[] spki = publicKeyInfo(new ObjectAttributes(cryptoki, session, handles[0]), type).orElseThrow(() ->
        new Pkcs11Exception(where + ": the new public key has no CKA_EC_POINT"));
    return new Pkcs11Object(Pkcs11Uri.ObjectType.PRIVATE, type.id(), label, id, Optional.of(spki), Optional.of(protection),
        token.forObject(label, id, Pkcs11Uri.ObjectType.PRIVATE));
  }

  static Key privateKey(Cryptoki cryptoki, long session, Pkcs11Uri token, String tokenLabel, Pkcs11Uri object)
      throws Pkcs11Exception {
    String where = "token " + TokenMatch.quote(tokenLabel);
    if (object.type().isPresent() && object.type().get() != Pkcs11Uri.ObjectType.PRIVATE) {
      throw new Pkcs11UriException("type=" + object.type().get().value() + " names no private key: a signer needs type=private (or no type)");
    }
    if (object.object().isEmpty() && object.id().isEmpty()) {
      throw new Pkcs11UriException("name the key with object=LABEL and/or id=%XX in the URI's path");
    }
    String named = named(object);
    Template find = new Template().add(Ck.CKA_CLASS, Ck.CKO_PRIVATE_KEY);
    object.object().ifPresent(label -> find.add(Ck.CKA_LABEL, label.getBytes(StandardCharsets.UTF_8)));
    object.id().ifPresent(id -> find.add(Ck.CKA_ID, id));
    long[] found = cryptoki.findObjects(session, find, 16);
    if (found.length != 1) {
      throw new Pkcs11Exception(found.length == 0 ? where + " has no private key " + named
          : where + " has " + found.length + " private keys matching " + named + ": add id= to the URI");
    }
    ObjectAttributes a = new ObjectAttributes(cryptoki, session, found[0]);
    Pkcs11KeyType type = a.keyType().orElseThrow(() -> new Pkcs11Exception(where + ": key " + named + " is a "
        + safeName(a) + " key; a signer needs an ECDSA P-256 or Ed25519 key"));
    if (!a.bool(Ck.CKA_SIGN)) {
      throw new Pkcs11Exception(where + ": key " + named + " does not allow signing (CKA_SIGN is false)");
    }
    String label = a.label();
    byte[] id = a.id();
    Template publicKey = new Template().add(Ck.CKA_CLASS, Ck.CKO_PUBLIC_KEY);
    if (id.length > 0) {
      publicKey.add(Ck.CKA_ID, id);
    } else {
      publicKey.add(Ck.CKA_LABEL, label.getBytes(StandardCharsets.UTF_8));
    }
    long[] publics = cryptoki.findObjects(session, publicKey, 16);
    List<byte[]> keys = new ArrayList<>();
    for (long handle : publics) {
      ObjectAttributes p = new ObjectAttributes(cryptoki, session, handle);
      if (p.keyType().equals(Optional.of(type))) {
        Optional<byte[]> spki = publicKeyInfo(p, type);
        spki.ifPresent(keys::add);
      }
    }
    if (keys.size() != 1) {
      throw new Pkcs11Exception(where + ": key " + named + " has " + (keys.isEmpty() ? "no" : keys.size())
          + " " + type.id() + " public key object" + (keys.isEmpty() ? "" : "s") + " with its "
          + (id.length > 0 ? "id" : "label") + "; the signer needs exactly one to know its public key");
    }
    return new Key(found[0], type, keys.getFirst(), token.forObject(label, id, Pkcs11Uri.ObjectType.PRIVATE));
  }

  /** {@code object=LABEL;id=%XX}, as the URI names the key. */
  private static String named(Pkcs11Uri object) {
    List<String> parts = new ArrayList<>();
    object.object().ifPresent(label -> parts.add("object=" + PercentEncoding.encode(label, false)));
    object.id().ifPresent(id -> parts.add("id=" + PercentEncoding.encodeAll(id)));
    return String.join(";", parts);
  }

  private static String safeName(ObjectAttributes a) {
    try {
      String name = a.keyTypeName();
      return name.isEmpty() ? "non-key" : name;
    } catch (Pkcs11Exception e) {
      return "unknown";
    }
  }
}
