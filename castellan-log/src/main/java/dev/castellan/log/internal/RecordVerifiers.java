package dev.castellan.log.internal;

import dev.castellan.core.signature.PublicKeyVerify;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decoded verifiers of recently seen record keys, for one log or one verification run.
 * Decoding and validating a public key costs more than a verification (point decompression
 * and subgroup checks), and a log's records come from few keys. Keyed by the exact SPKI
 * bytes; bounded (least recently used out), so attacker-chosen keys cannot grow it.
 */
public final class RecordVerifiers {
  private static final int CAPACITY = 256;

  private final Map<ByteBuffer, PublicKeyVerify> verifiers = new LinkedHashMap<>(CAPACITY, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<ByteBuffer, PublicKeyVerify> eldest) {
      return size() > CAPACITY;
    }
  };

  /** Throws unless {@code signature} is valid for {@code data} under {@code spki}. */
  public void verify(byte[] spki, byte[] data, byte[] signature) throws GeneralSecurityException {
    ByteBuffer key = ByteBuffer.wrap(spki.clone());
    PublicKeyVerify verifier;
    synchronized (verifiers) {
      verifier = verifiers.get(key);
    }
    if (verifier == null) {
      verifier = RecordSignatures.verifier(spki);
      synchronized (verifiers) {
        verifiers.put(key, verifier);
      }
    }
    verifier.verify(signature, data);
  }
}
