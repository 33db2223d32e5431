package dev.castellan.log.note;

import dev.castellan.core.signature.Ed25519PublicKey;
import dev.castellan.core.signature.Ed25519Verifier;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

/**
 * A public Ed25519 note key: its name, its key ID and the key, parsed from or written as a
 * C2SP verifier key {@code <name>+<hex key ID>+base64(0x01 || public key)}.
 *
 * <p>Parsing MUST reject a key whose ID does not match its name and key material, so that a
 * verifier can never be configured with an inconsistent key.
 */
public final class NoteVerifier {
  private final String name;
  private final int keyId;
  private final byte[] publicKey;
  private final Ed25519Verifier verifier;

  private NoteVerifier(String name, int keyId, byte[] publicKey, Ed25519Verifier verifier) {
    this.name = name;
    this.keyId = keyId;
    this.publicKey = publicKey;
    this.verifier = verifier;
  }

  /** The verifier for an Ed25519 public key under {@code name}. */
  public static NoteVerifier ofEd25519(String name, byte[] publicKey) throws NoteException {
    if (!KeyNames.isValid(name)) {
      throw new NoteException("key name must be non-empty and contain no spaces or '+'");
    }
    Ed25519Verifier verifier;
    try {
      verifier = Ed25519Verifier.create(Ed25519PublicKey.fromBytes(publicKey));
    } catch (GeneralSecurityException e) {
      throw new NoteException("not a valid Ed25519 public key");
    }
    return new NoteVerifier(name, KeyNames.keyId(name, KeyNames.TYPE_ED25519, publicKey), publicKey.clone(), verifier);
  }

  /** Parses a verifier key. The base64 part may itself contain '+': split at most twice. */
  public static NoteVerifier parse(String vkey) throws NoteException {
    String[] parts = vkey.split("\\+", 3);
    if (parts.length != 3) {
      throw new NoteException("verifier key must be name+keyid+key");
    }
    int keyId = KeyNames.parseHex(parts[1]);
    byte[] key;
    try {
      key = Base64.getDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw new NoteException("verifier key material is not base64");
    }
    if (key.length != 1 + Ed25519PublicKey.LENGTH || key[0] != KeyNames.TYPE_ED25519) {
      throw new NoteException("verifier key is not an Ed25519 (type 0x01) key");
    }
    NoteVerifier verifier = ofEd25519(parts[0], Arrays.copyOfRange(key, 1, key.length));
    if (verifier.keyId != keyId) {
      throw new NoteException("verifier key ID does not match its name and key");
    }
    return verifier;
  }

  public String name() {
    return name;
  }

  public int keyId() {
    return keyId;
  }

  /** The 32-byte Ed25519 public key. */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** The C2SP verifier key text. */
  public String vkey() {
    byte[] material = new byte[1 + publicKey.length];
    material[0] = KeyNames.TYPE_ED25519;
    System.arraycopy(publicKey, 0, material, 1, publicKey.length);
    return name + "+" + KeyNames.hex(keyId) + "+" + Base64.getEncoder().encodeToString(material);
  }

  boolean isValid(byte[] text, byte[] signature) {
    try {
      verifier.verify(signature, text);
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "NoteVerifier[%s+%s]", name, KeyNames.hex(keyId));
  }
}
