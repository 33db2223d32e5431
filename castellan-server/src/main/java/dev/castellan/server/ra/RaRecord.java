package dev.castellan.server.ra;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.vrf.EcvrfSuite;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What {@code POST /ra/generate} keeps for one file (the value of its {@code fs_att_docs} entry,
 * or of its file in the embedded store): the hash, the VRF suite, key, proof and output, and the
 * attestation document. Stored as JSON; a record that does not parse is an error, never skipped.
 *
 * @param path the key: the path relative to the RA root
 * @param hash the SHA3-512 of the content (64 bytes)
 * @param suite the VRF suite the proof is in
 * @param vrfPublicKey the VRF public key (PK_string) that made the proof
 * @param proof the VRF proof pi over alpha = {@code hash}
 * @param output the VRF output beta
 * @param document the attestation document (the platform's own format; COSE_Sign1 on Nitro)
 * @param generatedAt when it was made
 */
public record RaRecord(String path, byte[] hash, EcvrfSuite suite, byte[] vrfPublicKey, byte[] proof, byte[] output,
    byte[] document, Instant generatedAt) {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Largest stored record: a 1 MiB document as base64 (4/3) plus the hex fields and the path. */
  static final int MAX_BYTES = (1 << 20) * 4 / 3 + 64 * 1024;

  public RaRecord {
    hash = hash.clone();
    vrfPublicKey = vrfPublicKey.clone();
    proof = proof.clone();
    output = output.clone();
    document = document.clone();
  }

  @Override
  public byte[] hash() {
    return hash.clone();
  }

  @Override
  public byte[] vrfPublicKey() {
    return vrfPublicKey.clone();
  }

  @Override
  public byte[] proof() {
    return proof.clone();
  }

  @Override
  public byte[] output() {
    return output.clone();
  }

  @Override
  public byte[] document() {
    return document.clone();
  }

  /** The user data this record's document must carry. */
  public RaUserData userData() {
    return RaUserData.of(suite, hash, path, vrfPublicKey, output);
  }

  byte[] encode() {
    ObjectNode node = JSON.createObjectNode();
    node.put("version", 1);
    node.put("path", path);
    node.put("hash", Hex.encode(hash));
    node.put("suite", suite.name());
    node.put("vrfPublicKey", Hex.encode(vrfPublicKey));
    node.put("proof", Hex.encode(proof));
    node.put("output", Hex.encode(output));
    node.put("document", Base64.getEncoder().encodeToString(document));
    node.put("generatedAt", generatedAt.toString());
    return JSON.writeValueAsBytes(node);
  }

  static RaRecord decode(byte[] bytes) throws IOException {
    if (bytes.length > MAX_BYTES) {
      throw new IOException("an RA record is larger than " + MAX_BYTES + " bytes");
    }
    try {
      JsonNode node = JSON.readTree(bytes);
      if (node.path("version").asInt(0) != 1) {
        throw new IOException("an RA record of an unknown version");
      }
      return new RaRecord(text(node, "path"), Hex.decode(text(node, "hash")), EcvrfSuite.valueOf(text(node, "suite")),
          Hex.decode(text(node, "vrfPublicKey")), Hex.decode(text(node, "proof")), Hex.decode(text(node, "output")),
          Base64.getDecoder().decode(text(node, "document")), Instant.parse(text(node, "generatedAt")));
    } catch (JacksonException | IllegalArgumentException | java.time.format.DateTimeParseException e) {
      throw new IOException("an RA record does not parse", e);
    }
  }

  private static String text(JsonNode node, String field) throws IOException {
    JsonNode value = node.get(field);
    if (value == null || !value.isString()) {
      throw new IOException("an RA record has no '" + field + "'");
    }
    return value.asString();
  }
}
