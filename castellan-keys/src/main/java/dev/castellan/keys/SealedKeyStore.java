package dev.castellan.keys;

import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.core.signature.Ed25519PrivateKey;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * One sealed secret on disk: generated and sealed on first boot, unsealed on every later
 * boot (seed 001's key lifecycle). Only ciphertext is ever written.
 *
 * <p>A file that exists but does not unseal is an error, never a reason to make a new key:
 * a new key would silently change the oracle's public identity. Deleting the file is the
 * operator's explicit decision.
 */
public final class SealedKeyStore {
  /** Creates a new secret on first boot. */
  @FunctionalInterface
  public interface Generator {
    SecretBytes generate() throws GeneralSecurityException;
  }

  /** The secret and whether this boot created it. */
  public record Loaded(SecretBytes secret, boolean created) {}

  private final Path file;
  private final Sealer sealer;

  public SealedKeyStore(Path file, Sealer sealer) {
    this.file = file;
    this.sealer = sealer;
  }

  public Path file() {
    return file;
  }

  /**
   * Unseals the stored secret, or on first boot generates, seals and stores one.
   *
   * @throws UnsealException if a stored secret exists but cannot be unsealed here
   */
  public Loaded loadOrGenerate(Generator generator) throws IOException, GeneralSecurityException {
    Optional<byte[]> sealed = SealedFile.read(file);
    if (sealed.isPresent()) {
      try {
        return new Loaded(sealer.unseal(sealed.get()), false);
      } catch (UnsealException e) {
        throw new UnsealException("cannot unseal " + file + ": " + e.getMessage());
      }
    }
    SecretBytes secret = generator.generate();
    SealedFile.writeAtomically(file, sealer.seal(secret));
    return new Loaded(secret, true);
  }

  /**
   * An Ed25519 key whose 32-byte seed is the stored secret: unsealed, or on first boot
   * generated from {@code random} and sealed. The seed's copy is wiped once the key is made.
   */
  public Ed25519PrivateKey loadOrGenerateEd25519(SecureRandom random) throws IOException, GeneralSecurityException {
    SecretBytes seed = loadOrGenerate(() -> Ed25519PrivateKey.generate(random).seed()).secret();
    try {
      return Ed25519PrivateKey.fromSeed(seed);
    } finally {
      seed.destroy();
    }
  }
}
