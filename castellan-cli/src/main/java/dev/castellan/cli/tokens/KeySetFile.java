package dev.castellan.cli.tokens;

import dev.castellan.authority.LocalAuthority;
import dev.castellan.cli.CliException;
import dev.castellan.cli.DataDirectory;
import dev.castellan.cli.ErrorKind;
import dev.castellan.cli.FileException;
import dev.castellan.cli.InputFile;
import dev.castellan.core.bytes.Hex;
import dev.castellan.tokens.KeyId;
import dev.castellan.tokens.KeySet;
import dev.castellan.tokens.KeySetDocument;
import dev.castellan.tokens.TrustDocumentException;
import java.nio.file.Path;

/**
 * The authority's key set in a data directory ({@code authority/keyset.cbor}), pinned by a key
 * id when one is given, else only checked to be signed by its own active key (and said so).
 */
public record KeySetFile(Path file, KeySet keySet, boolean pinned) {
  /** {@code pinnedKeyId} null: only checked to be signed by its own active key. */
  public static KeySetFile read(Path dataDirectory, String pinnedKeyId) throws FileException, CliException {
    Path file = DataDirectory.resolve(dataDirectory).resolve(LocalAuthority.DIRECTORY).resolve(LocalAuthority.KEY_SET_FILE);
    byte[] document = InputFile.read("key set", file, KeySetDocument.MAX_DOCUMENT_BYTES);
    try {
      if (pinnedKeyId == null) {
        return new KeySetFile(file, KeySetDocument.verifySelfSigned(document), false);
      }
      byte[] kid;
      try {
        kid = Hex.decode(pinnedKeyId);
      } catch (IllegalArgumentException e) {
        throw new CliException(ErrorKind.USAGE, "--kid must be 64 hex digits");
      }
      if (kid.length != KeyId.LENGTH) {
        throw new CliException(ErrorKind.USAGE, "--kid must be 64 hex digits (a 32-byte key thumbprint)");
      }
      return new KeySetFile(file, KeySetDocument.verifyTrustAnchor(document, KeyId.of(kid)), true);
    } catch (TrustDocumentException e) {
      throw new CliException(ErrorKind.VERIFICATION, "key set " + file + ": " + e.getMessage());
    }
  }

  /** One line on how far the key set is trusted. */
  public String trust() {
    return pinned
        ? "pinned: its active key is the --kid given, and signed it"
        : "signed by its own active key: consistent, not authenticated (pin the key id with --kid HEX)";
  }
}
