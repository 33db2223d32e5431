package dev.castellan.authority;

import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.core.signature.EcdsaCurve;
import dev.castellan.core.signature.EcdsaPrivateKey;
import dev.castellan.keys.SealedFile;
import dev.castellan.keys.Sealer;
import dev.castellan.tokens.KeySet;
import dev.castellan.tokens.KeySetDocument;
import dev.castellan.tokens.SigningKey;
import dev.castellan.tokens.VerifierOptions;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Rotating the authority's signing key (docs/authority.md, "Rotation"), crash-safe in three
 * steps: the new key is sealed beside the current one ({@value #NEXT_KEY_FILE}); the key set
 * of the next version, with the new key active and the current one kept as the previous key,
 * signed by both, replaces {@code keyset.cbor}; the new key replaces the current one. A crash
 * after the first step leaves the old authority (the stray new key is removed at the next
 * open); after the second, the next open completes the third. Verifiers accept the previous
 * key for their overlap (10 minutes by default), so tokens issued before still work.
 */
final class KeyRotation {
  static final String NEXT_KEY_FILE = "token-key.next.sealed";

  private KeyRotation() {}

  /** Rotates; returns the new key set (version + 1). */
  static KeySet rotate(Path dir, Sealer sealer, SigningKey current, KeySet trusted, Instant now, SecureRandom random)
      throws IOException, GeneralSecurityException {
    EcdsaPrivateKey next = EcdsaPrivateKey.generate(EcdsaCurve.P_256, random);
    SigningKey nextKey = SigningKey.ecdsaP256(next);
    SecretBytes scalar = next.scalar();
    try {
      SealedFile.writeAtomically(dir.resolve(NEXT_KEY_FILE), sealer.seal(scalar));
    } finally {
      scalar.destroy();
    }
    // The outgoing key is retired when the verifiers' default overlap ends: every token it
    // signed (5 minutes at most) has expired by then.
    KeySet.Entry outgoing = trusted.activeEntry();
    KeySet.Entry previous = new KeySet.Entry(outgoing.key(), outgoing.notBefore(),
        Optional.of(now.plus(VerifierOptions.defaults().previousKeyOverlap())));
    KeySet nextSet = KeySet.of(trusted.issuer(), trusted.version() + 1, now, nextKey.keyId(),
        List.of(new KeySet.Entry(nextKey.publicKey(), now, Optional.empty()), previous));
    byte[] document = KeySetDocument.sign(nextSet, List.of(current, nextKey));
    KeySetDocument.verifyUpdate(trusted, document); // what every verifier will check
    SealedFile.writeAtomically(dir.resolve(LocalAuthority.KEY_SET_FILE), document);
    complete(dir);
    return nextSet;
  }

  /** The sealed next key, if a rotation left one. */
  static Optional<SigningKey> pending(Path dir, Sealer sealer) throws IOException, GeneralSecurityException {
    Optional<byte[]> sealed = SealedFile.read(dir.resolve(NEXT_KEY_FILE));
    if (sealed.isEmpty()) {
      return Optional.empty();
    }
    SecretBytes scalar = sealer.unseal(sealed.get());
    try {
      return Optional.of(SigningKey.ecdsaP256(EcdsaPrivateKey.fromScalar(EcdsaCurve.P_256, scalar)));
    } finally {
      scalar.destroy();
    }
  }

  /** The next key becomes the key. */
  static void complete(Path dir) throws IOException {
    Path next = dir.resolve(NEXT_KEY_FILE);
    Path key = dir.resolve(LocalAuthority.KEY_FILE);
    try {
      Files.move(next, key, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(next, key, StandardCopyOption.REPLACE_EXISTING);
    } catch (java.nio.file.NoSuchFileException e) {
      // Another process (the oracle following the rotation) completed it first.
    }
  }

  /** A rotation that stopped before its key set was written did not happen: forget its key. */
  static void abandon(Path dir) throws IOException {
    Files.deleteIfExists(dir.resolve(NEXT_KEY_FILE));
  }
}
