package dev.castellan.attestation.nitro;

import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.MalformedEvidenceException;
import dev.castellan.attestation.SafeText;
import dev.castellan.core.cbor.Cbor;
import dev.castellan.core.cbor.CborException;
import dev.castellan.core.cbor.CborInteger;
import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborText;
import dev.castellan.core.cbor.CborValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The payload of a Nitro attestation document (aws-nitro-enclaves-nsm-api {@code
 * AttestationDoc}; AWS "Nitro Enclaves: attestation document" field rules), parsed strictly:
 * exactly the documented keys, {@code digest = "SHA384"}, 48-byte PCRs with indexes below 32,
 * a non-empty {@code cabundle}, and the size limits of the NSM API ({@code public_key} at most
 * 1024 bytes, {@code user_data} and {@code nonce} at most 512).
 */
record AttestationDocument(
    String moduleId,
    Instant timestamp,
    String digest,
    SortedMap<Integer, ByteString> pcrs,
    byte[] certificate,
    List<byte[]> cabundle,
    Optional<ByteString> publicKey,
    Optional<ByteString> userData,
    Optional<ByteString> nonce) {
  static final String CHECK = "nitro.document";
  static final int PCR_SIZE = 48;
  static final int MAX_PCRS = 32;
  static final int MAX_PUBLIC_KEY = 1024;
  static final int MAX_USER_DATA = 512;
  static final int MAX_NONCE = 512;
  static final int MAX_CABUNDLE = 8;

  /** The document nests 3 deep (map, array, bytes); 16 bounds recursion with room to spare. */
  static final dev.castellan.core.cbor.CborLimits LIMITS =
      dev.castellan.core.cbor.CborLimits.WELL_FORMED.withMaxInputBytes(1 << 20).withMaxDepth(16);

  private static final Set<String> KEYS =
      Set.of("module_id", "digest", "timestamp", "pcrs", "certificate", "cabundle", "public_key", "user_data", "nonce");

  static AttestationDocument parse(byte[] payload) throws MalformedEvidenceException {
    try {
      CborMap map = Cbor.decode(payload, LIMITS).asMap();
      for (Map.Entry<CborValue, CborValue> e : map.entries()) {
        if (!(e.getKey() instanceof CborText(String name)) || !KEYS.contains(name)) {
          throw new MalformedEvidenceException(CHECK, "unknown member in attestation document",
              null, SafeText.escape(e.getKey().toString()));
        }
      }
      String moduleId = map.require("module_id").asText();
      if (moduleId.isEmpty()) {
        throw new MalformedEvidenceException(CHECK, "module_id is empty");
      }
      String digest = map.require("digest").asText();
      if (!digest.equals("SHA384")) {
        throw new MalformedEvidenceException(CHECK, "unsupported PCR digest", "SHA384", SafeText.escape(digest));
      }
      long millis = map.require("timestamp").asLong();
      if (millis <= 0) {
        throw new MalformedEvidenceException(CHECK, "timestamp must be positive");
      }
      SortedMap<Integer, ByteString> pcrs = new TreeMap<>();
      CborMap pcrMap = map.require("pcrs").asMap();
      if (pcrMap.isEmpty() || pcrMap.size() > MAX_PCRS) {
        throw new MalformedEvidenceException(CHECK, "PCR count out of range", "1.." + MAX_PCRS, "" + pcrMap.size());
      }
      for (Map.Entry<CborValue, CborValue> e : pcrMap.entries()) {
        if (!(e.getKey() instanceof CborInteger index) || index.isNegative() || index.asLong() >= MAX_PCRS) {
          throw new MalformedEvidenceException(CHECK, "PCR index out of range", "0.." + (MAX_PCRS - 1), null);
        }
        byte[] value = e.getValue().asBytes();
        if (value.length != PCR_SIZE) {
          throw new MalformedEvidenceException(CHECK, "PCR has the wrong size", PCR_SIZE + " bytes", value.length + " bytes");
        }
        pcrs.put((int) index.asLong(), ByteString.of(value));
      }
      byte[] certificate = map.require("certificate").asBytes();
      List<byte[]> cabundle = new ArrayList<>();
      for (CborValue item : map.require("cabundle").asArray()) {
        cabundle.add(item.asBytes());
      }
      if (cabundle.isEmpty() || cabundle.size() > MAX_CABUNDLE) {
        throw new MalformedEvidenceException(CHECK, "cabundle size out of range", "1.." + MAX_CABUNDLE, "" + cabundle.size());
      }
      return new AttestationDocument(
          moduleId,
          Instant.ofEpochMilli(millis),
          digest,
          pcrs,
          certificate,
          cabundle,
          optionalBytes(map, "public_key", MAX_PUBLIC_KEY),
          optionalBytes(map, "user_data", MAX_USER_DATA),
          optionalBytes(map, "nonce", MAX_NONCE));
    } catch (CborException e) {
      throw new MalformedEvidenceException(CHECK, "malformed attestation document: " + SafeText.escape(e.getMessage()));
    }
  }

  /** An optional byte-string member: absent or null means absent. */
  private static Optional<ByteString> optionalBytes(CborMap map, String key, int max)
      throws CborException, MalformedEvidenceException {
    CborValue value = map.get(key);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    byte[] bytes = value.asBytes();
    if (bytes.length > max) {
      throw new MalformedEvidenceException(CHECK, key + " too long", "at most " + max + " bytes", bytes.length + " bytes");
    }
    return Optional.of(ByteString.of(bytes));
  }
}
