package dev.castellan.cli.entropy;

import dev.castellan.cli.CliException;
import dev.castellan.cli.ErrorKind;
import dev.castellan.cli.FileException;
import dev.castellan.cli.InputFile;
import dev.castellan.core.cbor.Cbor;
import dev.castellan.core.cbor.CborException;
import dev.castellan.core.cbor.CborLimits;
import dev.castellan.keys.SealedFile;
import dev.castellan.tokens.AuthorityPublicKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.InvalidKeyException;

/**
 * entropyd's public key file, what cryptod pins ({@code tokens serve --entropy-key}): the
 * deterministic CBOR of the key's COSE_Key with exactly its RFC 9679 thumbprint members
 * (docs/tokens.md, "Key identity"), so its key id is the SHA-256 of the file.
 */
public final class EntropydKeyFile {
  /** An Ed25519 COSE_Key is 42 bytes and a P-256 one 77; anything much larger is not one. */
  private static final int MAX_BYTES = 256;
  /** Where {@code entropy serve} keeps its files, under the data directory. */
  static final String DIRECTORY = "entropy";
  static final String NAME = "entropyd-key.pub";

  private EntropydKeyFile() {}

  /** Where {@code entropy serve} writes the key in {@code dataDirectory}: {@code entropy/entropyd-key.pub}. */
  public static Path defaultFile(Path dataDirectory) {
    return dataDirectory.resolve(DIRECTORY).resolve(NAME);
  }

  /** Writes {@code key} to {@code file} atomically, readable by everyone (it is public). */
  static void write(Path file, AuthorityPublicKey key) throws IOException {
    SealedFile.writeAtomically(file, Cbor.encode(key.toCoseKey()));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
  }

  /** The key in {@code file}; a file that is not exactly one such COSE_Key is refused. */
  public static AuthorityPublicKey read(Path file) throws FileException, CliException {
    byte[] bytes = InputFile.read("entropyd public key", file, MAX_BYTES);
    try {
      return AuthorityPublicKey.fromCoseKey(Cbor.decode(bytes, CborLimits.DETERMINISTIC.withMaxInputBytes(MAX_BYTES)));
    } catch (CborException | InvalidKeyException e) {
      throw new CliException(ErrorKind.VERIFICATION, "entropyd public key " + file + ": not a COSE_Key of Ed25519 or P-256 ("
          + e.getMessage() + ")");
    }
  }
}
