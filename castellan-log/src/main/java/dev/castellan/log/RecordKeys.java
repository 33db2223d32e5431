package dev.castellan.log;

import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.core.signature.EcdsaCurve;
import dev.castellan.core.signature.EcdsaPrivateKey;
import dev.castellan.core.signature.Ed25519PrivateKey;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The record signing key of a local data directory: {@code keys/record-ed25519.key} (the
 * 32-byte seed) or {@code keys/record-ecdsa-p256.key} (the 32-byte scalar), generated on
 * first use with owner-only permissions. A server would hold this key in its TEE instead
 * (castellan-server seals its record key to the measurement); {@code castellan log append} and
 * the integrity monitor of the runtime use this one, so records written to one data directory
 * by either carry the same key.
 */
public final class RecordKeys {
  /** The record signature algorithms, each with its key file. */
  public enum Algorithm {
    ED25519("ed25519"),
    ECDSA_P256("ecdsa-p256");

    private final String fileName;

    Algorithm(String name) {
      this.fileName = "record-" + name + ".key";
    }
  }

  private RecordKeys() {}

  /** The key of {@code algorithm} in the directory {@code keys} (normally a data directory's {@code keys}). */
  public static RecordSigner loadOrCreate(Path keys, Algorithm algorithm) throws IOException, GeneralSecurityException {
    Path file = keys.resolve(algorithm.fileName);
    if (!Files.exists(file)) {
      Files.createDirectories(keys);
      byte[] secret = switch (algorithm) {
        case ED25519 -> Ed25519PrivateKey.generate(new SecureRandom()).seed().toByteArray();
        case ECDSA_P256 -> EcdsaPrivateKey.generate(EcdsaCurve.P_256, new SecureRandom()).scalar().toByteArray();
      };
      try {
        LocalLog.writePrivate(file, secret);
      } catch (FileAlreadyExistsException raced) {
        // created concurrently: use that one
      } finally {
        Arrays.fill(secret, (byte) 0);
      }
    }
    byte[] secret = Files.readAllBytes(file);
    try {
      SecretBytes held = SecretBytes.copyOf(secret);
      return switch (algorithm) {
        case ED25519 -> RecordSigner.ed25519(Ed25519PrivateKey.fromSeed(held));
        case ECDSA_P256 -> RecordSigner.ecdsaP256(EcdsaPrivateKey.fromScalar(EcdsaCurve.P_256, held));
      };
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }
}
