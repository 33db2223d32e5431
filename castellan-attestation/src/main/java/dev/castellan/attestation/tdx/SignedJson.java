package dev.castellan.attestation.tdx;

import dev.castellan.core.bytes.Hex;
import java.security.PublicKey;
import java.security.Signature;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A body of Intel PCS collateral, {@code {"<member>": {...}, "signature": "<hex r||s>"}}. The
 * signature covers the exact raw bytes of the member's value, so this class locates those
 * bytes with a streaming parser and parses the fields from the same bytes it verifies.
 */
public final class SignedJson {
  /** Intel collateral is a few KB; 256 KiB bounds the parse. */
  static final int MAX_SIZE = 256 * 1024;

  static final JsonMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  final byte[] signedBytes;
  final byte[] signature;
  final JsonNode body;

  private SignedJson(byte[] signedBytes, byte[] signature, JsonNode body) {
    this.signedBytes = signedBytes;
    this.signature = signature;
    this.body = body;
  }

  public static SignedJson parse(byte[] json, String member) throws TdxException {
    if (json.length > MAX_SIZE) {
      throw new TdxException(TdxException.Kind.COLLATERAL, "tdx.collateral",
            member + " collateral exceeds " + MAX_SIZE + " bytes");
    }
    byte[] signed = null;
    String signatureHex = null;
    try (JsonParser parser = JSON.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new TdxException(TdxException.Kind.COLLATERAL, "tdx.collateral",
            member + " collateral is not a JSON object");
      }
      while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (name.equals(member) && value == JsonToken.START_OBJECT) {
          long start = parser.currentTokenLocation().getByteOffset();
          parser.skipChildren();
          long end = parser.currentTokenLocation().getByteOffset() + 1;
          signed = Arrays.copyOfRange(json, (int) start, (int) end);
        } else if (name.equals("signature") && value == JsonToken.VALUE_STRING) {
          signatureHex = parser.getString();
        } else {
          parser.skipChildren();
        }
      }
      if (parser.nextToken() != null) {
        throw new TdxException(TdxException.Kind.COLLATERAL, "tdx.collateral",
            member + " collateral has data after the JSON object");
      }
      if (signed == null || signatureHex == null || signatureHex.length() != 128) {
        throw new TdxException(TdxException.Kind.COLLATERAL, "tdx.collateral",
            member + " collateral lacks its body or its 64-byte signature");
      }
      return new SignedJson(signed, Hex.decode(signatureHex), JSON.readTree(signed));
    } catch (JacksonException | IllegalArgumentException e) {
      throw new TdxException(TdxException.Kind.COLLATERAL, "tdx.collateral",
            member + " collateral is not valid JSON", e);
    }
  }

  /** Verifies the ECDSA P-256 / SHA-256 signature over the raw member bytes. */
  public void verify(PublicKey signer, String check, String what) throws TdxException {
    try {
      Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
      verifier.initVerify(signer);
      verifier.update(signedBytes);
      if (!verifier.verify(signature)) {
        throw new TdxException(TdxException.Kind.SIGNATURE, check,
            what + " signature does not verify");
      }
    } catch (GeneralSecurityException e) {
      if (e instanceof TdxException tdx) {
        throw tdx;
      }
      throw new TdxException(TdxException.Kind.SIGNATURE, check,
          what + " signature does not verify", e);
    }
  }

  /** The parsed member (the body its signature covers). */
  public JsonNode body() {
    return body;
  }

  // Field readers: strict types, wrapped errors.

  public static JsonNode field(JsonNode node, String name) throws TdxException {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      throw new TdxException(TdxException.Kind.COLLATERAL, "tdx.collateral",
            "collateral lacks field " + name);
    }
    return value;
  }

  public static String text(JsonNode node, String name) throws TdxException {
    JsonNode value = field(node, name);
    if (!value.isString()) {
      throw new TdxException(TdxException.Kind.COLLATERAL, "tdx.collateral",
            "collateral field " + name + " is not a string");
    }
    return value.stringValue();
  }

  public static int integer(JsonNode node, String name) throws TdxException {
    JsonNode value = field(node, name);
    if (!value.isInt() || value.intValue() < 0) {
      throw new TdxException(TdxException.Kind.COLLATERAL, "tdx.collateral",
            "collateral field " + name + " is not a non-negative integer");
    }
    return value.intValue();
  }

  public static byte[] hex(JsonNode node, String name, int length) throws TdxException {
    try {
      byte[] bytes = Hex.decode(text(node, name));
      if (bytes.length != length) {
        throw new TdxException(TdxException.Kind.COLLATERAL, "tdx.collateral",
            "collateral field " + name + " has the wrong length");
      }
      return bytes;
    } catch (IllegalArgumentException e) {
      throw new TdxException(TdxException.Kind.COLLATERAL, "tdx.collateral",
            "collateral field " + name + " is not hex", e);
    }
  }

  public static Instant instant(JsonNode node, String name) throws TdxException {
    try {
      return Instant.parse(text(node, name));
    } catch (DateTimeParseException e) {
      throw new TdxException(TdxException.Kind.COLLATERAL, "tdx.collateral",
            "collateral field " + name + " is not an RFC 3339 time", e);
    }
  }
}
