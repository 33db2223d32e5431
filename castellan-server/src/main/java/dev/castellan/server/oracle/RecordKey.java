package dev.castellan.server.oracle;

import dev.castellan.core.signature.Ed25519PrivateKey;
import dev.castellan.keys.SealedKeyStore;
import dev.castellan.keys.Sealer;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/**
 * The oracle's (and the broker's) record key: the Ed25519 key that signs the log records the oracle writes
 * itself (one per signature, {@link SignatureRecord}). Sealed to the measurement like the
 * signing key, in {@value #FILE}, so it survives restarts of the same build; its public
 * key is {@code recordKey} in {@code GET /v1/info}. It is a key of its own, not the
 * signing key, because log records take Ed25519 or P-256 and one key should serve one
 * protocol; what a record attests, the BIP-340 or ECDSA signature inside it, verifies
 * with the attested signing key regardless.
 */
public final class RecordKey {
  public static final String FILE = "keys/record-key.sealed";

  private RecordKey() {}

  public static Ed25519PrivateKey loadOrGenerate(Path dataDirectory, Sealer sealer, SecureRandom random)
      throws IOException, GeneralSecurityException {
    return new SealedKeyStore(dataDirectory.resolve(FILE), sealer).loadOrGenerateEd25519(random);
  }
}
