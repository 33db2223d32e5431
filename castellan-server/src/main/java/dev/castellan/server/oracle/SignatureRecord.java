package dev.castellan.server.oracle;

import dev.castellan.core.cbor.CborBytes;
import dev.castellan.core.cbor.CborException;
import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborValue;
import dev.castellan.core.ipld.DagCbor;
import dev.castellan.core.ipld.IpldException;
import java.time.Instant;
import java.util.Optional;

/**
 * What the oracle signed, as the data of a log record (docs/http-api.md, "Signature
 * records"): every signature the signing key makes is one record, appended before the
 * signature is returned, so what the key signed is public and anyone can audit it offline.
 *
 * <p>The data is a DAG-CBOR map: {@code type} ({@value #TYPE}), {@code scheme} ({@code
 * bip340} or {@code ecdsa}), {@code digest} (the 32-byte message), {@code signature},
 * {@code publicKey} (the key that verifies it, as the response gives it), {@code time}
 * (epoch seconds) and, when a capability token authorized the request, {@code token} (its
 * token id). The record itself is signed by the oracle's record key ({@link RecordKey}).
 *
 * @param token the authorizing token's id, empty when the oracle runs without authorization
 */
public record SignatureRecord(
    String scheme, byte[] digest, byte[] signature, byte[] publicKey, Instant time, Optional<String> token) {
  public static final String TYPE = "castellan.signature/v1";

  /** The record data, deterministic: the same signature always gives the same bytes. */
  public byte[] encode() {
    CborMap.Builder map = CborMap.builder()
        .put("type", TYPE)
        .put("scheme", scheme)
        .put("digest", CborBytes.of(digest))
        .put("signature", CborBytes.of(signature))
        .put("publicKey", CborBytes.of(publicKey))
        .put("time", time.getEpochSecond());
    token.ifPresent(t -> map.put("token", t));
    try {
      return DagCbor.encode(map.build());
    } catch (IpldException e) {
      throw new IllegalStateException("a signature record is always valid DAG-CBOR", e);
    }
  }

  /** Reads record data back; throws unless it is exactly what {@link #encode} writes. */
  public static SignatureRecord decode(byte[] data) throws IpldException {
    CborValue value = DagCbor.decode(data);
    if (!(value instanceof CborMap map) || !TYPE.equals(text(map, "type"))) {
      throw new IpldException("not a " + TYPE + " record");
    }
    try {
      SignatureRecord record = new SignatureRecord(text(map, "scheme"), bytes(map, "digest"), bytes(map, "signature"),
          bytes(map, "publicKey"), Instant.ofEpochSecond(field(map, "time").asLong()),
          map.get("token") == null ? Optional.empty() : Optional.of(text(map, "token")));
      if (!java.util.Arrays.equals(record.encode(), data)) {
        throw new IpldException(TYPE + " record has fields it should not have");
      }
      return record;
    } catch (CborException | RuntimeException e) {
      throw new IpldException(TYPE + " record is malformed: " + e.getMessage());
    }
  }

  private static CborValue field(CborMap map, String key) throws IpldException {
    CborValue v = map.get(key);
    if (v == null) {
      throw new IpldException(TYPE + " record lacks '" + key + "'");
    }
    return v;
  }

  private static String text(CborMap map, String key) throws IpldException {
    try {
      return field(map, key).asText();
    } catch (CborException e) {
      throw new IpldException(TYPE + " record's '" + key + "' is not text");
    }
  }

  private static byte[] bytes(CborMap map, String key) throws IpldException {
    try {
      return field(map, key).asBytes();
    } catch (CborException e) {
      throw new IpldException(TYPE + " record's '" + key + "' is not bytes");
    }
  }
}
