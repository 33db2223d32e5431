package dev.castellan.log.note;

import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.core.signature.Ed25519PrivateKey;
import dev.castellan.core.signature.Ed25519Signer;
import java.security.InvalidKeyException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * A private Ed25519 note key, parsed from or written as a C2SP signer key
 * {@code PRIVATE+KEY+<name>+<hex key ID>+base64(0x01 || seed)}.
 *
 * <p>The seed is held in {@link SecretBytes}; {@link #toString()} MUST NOT reveal it, and
 * {@link #skey()} returns the text form as a secret too.
 */
public final class NoteSigner {
  private static final String PREFIX = "PRIVATE+KEY+";

  private final Ed25519PrivateKey privateKey;
  private final Ed25519Signer signer;
  private final NoteVerifier verifier;

  private NoteSigner(Ed25519PrivateKey privateKey, NoteVerifier verifier) {
    this.privateKey = privateKey;
    this.signer = Ed25519Signer.create(privateKey);
    this.verifier = verifier;
  }

  /** A fresh key under {@code name}. */
  public static NoteSigner generate(String name, SecureRandom random) throws NoteException {
    return of(name, Ed25519PrivateKey.generate(random));
  }

  /** The key with the 32-byte Ed25519 {@code seed} (RFC 8032 private key) under {@code name}. */
  public static NoteSigner fromSeed(String name, byte[] seed) throws NoteException {
    try {
      return of(name, Ed25519PrivateKey.fromSeed(SecretBytes.copyOf(seed)));
    } catch (InvalidKeyException e) {
      throw new NoteException("Ed25519 seed must be 32 bytes");
    }
  }

  /** The note key {@code privateKey} under {@code name}. */
  public static NoteSigner of(String name, Ed25519PrivateKey privateKey) throws NoteException {
    return new NoteSigner(privateKey, NoteVerifier.ofEd25519(name, privateKey.publicKey().toBytes()));
  }

  /** Parses a signer key; the base64 part may contain '+', so split at most four times. */
  public static NoteSigner parse(String skey) throws NoteException {
    if (!skey.startsWith(PREFIX)) {
      throw new NoteException("signer key must start with PRIVATE+KEY+");
    }
    String[] parts = skey.substring(PREFIX.length()).split("\\+", 3);
    if (parts.length != 3) {
      throw new NoteException("signer key must be PRIVATE+KEY+name+keyid+key");
    }
    int keyId = KeyNames.parseHex(parts[1]);
    byte[] key;
    try {
      key = Base64.getDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw new NoteException("signer key material is not base64");
    }
    try {
      if (key.length != 1 + Ed25519PrivateKey.SEED_LENGTH || key[0] != KeyNames.TYPE_ED25519) {
        throw new NoteException("signer key is not an Ed25519 (type 0x01) key");
      }
      NoteSigner signer = fromSeed(parts[0], Arrays.copyOfRange(key, 1, key.length));
      if (signer.verifier.keyId() != keyId) {
        throw new NoteException("signer key ID does not match its name and key");
      }
      return signer;
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /** The matching public key. */
  public NoteVerifier verifier() {
    return verifier;
  }

  public String name() {
    return verifier.name();
  }

  /** Signs {@code text} (the note text, ending in a newline). */
  public NoteSignature sign(String text) {
    byte[] signature = signer.sign(text.getBytes(StandardCharsets.UTF_8));
    return new NoteSignature(verifier.name(), verifier.keyId(), signature);
  }

  /** The C2SP signer key text, as a secret (UTF-8). */
  public SecretBytes skey() {
    byte[] material = new byte[1 + Ed25519PrivateKey.SEED_LENGTH];
    material[0] = KeyNames.TYPE_ED25519;
    byte[] s = privateKey.seed().toByteArray();
    System.arraycopy(s, 0, material, 1, s.length);
    Arrays.fill(s, (byte) 0);
    String text = PREFIX + verifier.name() + "+" + KeyNames.hex(verifier.keyId()) + "+"
        + Base64.getEncoder().encodeToString(material);
    Arrays.fill(material, (byte) 0);
    return SecretBytes.copyOf(text.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "NoteSigner[" + verifier.name() + ", private key redacted]";
  }
}
