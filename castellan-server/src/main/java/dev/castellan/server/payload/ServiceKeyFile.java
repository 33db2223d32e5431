package dev.castellan.server.payload;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.core.signature.Secp256k1PrivateKey;
import dev.castellan.keys.SealedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.Set;

/**
 * A payload service's signing key in a file: the 32-byte secp256k1 scalar as 64 hex digits and
 * a newline, readable by its owner only (created so, atomically; a file that others can read,
 * or that is a symbolic link, is refused). On a real VM the file belongs on the disk that is
 * sealed to the TPM (docs/tpm-sealing.md), so the key survives reboots of the same image only.
 */
public final class ServiceKeyFile {
  private static final int ENCODED_BYTES = 2 * Secp256k1PrivateKey.LENGTH + 1;

  private ServiceKeyFile() {}

  /**
   * The key in {@code file}, or a new one written there.
   *
   * @throws IOException naming the file and what is wrong with it (never its contents)
   */
  public static Secp256k1PrivateKey loadOrCreate(Path file, SecureRandom random) throws IOException {
    if (Files.isSymbolicLink(file)) {
      throw new IOException("service key " + file + ": is a symbolic link; refusing to follow it");
    }
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      Secp256k1PrivateKey key = Secp256k1PrivateKey.generate(random);
      SealedFile.writeAtomically(file, (Hex.encode(key.scalar().toByteArray()) + "\n").getBytes(StandardCharsets.US_ASCII));
      return key;
    }
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
    if (permissions.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
      throw new IOException("service key " + file + ": readable by others (chmod 600 it, or delete it for a new key)");
    }
    Optional<byte[]> bytes = SealedFile.read(file);
    String text = new String(bytes.orElseThrow(), StandardCharsets.US_ASCII).strip();
    if (bytes.get().length > ENCODED_BYTES + 1 || text.length() != 2 * Secp256k1PrivateKey.LENGTH) {
      throw new IOException("service key " + file + ": not 64 hex digits (a secp256k1 private key)");
    }
    try {
      return Secp256k1PrivateKey.fromScalar(SecretBytes.copyOf(Hex.decode(text)));
    } catch (IllegalArgumentException | InvalidKeyException e) {
      throw new IOException("service key " + file + ": not a valid secp256k1 private key");
    }
  }
}
