package dev.castellan.tokens.envelope;

import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.core.cbor.CborMap;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code totp_validate_req}: the unlocker asks cryptod to check an operator's TOTP code (a secret: never printed). */
public record TotpValidateRequest(
    String requestId, String operatorId, String deviceId, SecretBytes totpCode, ByteString clientNonce, Instant timestamp,
    Optional<List<ByteString>> attestationChain, Optional<CborMap> metadata) implements Envelope {
  public static final String TYPE = "totp_validate_req";

  public TotpValidateRequest {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(operatorId, "operatorId");
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(totpCode, "totpCode");
    Objects.requireNonNull(clientNonce, "clientNonce");
    Objects.requireNonNull(timestamp, "timestamp");
    attestationChain = attestationChain.map(List::copyOf);
    Objects.requireNonNull(metadata, "metadata");
  }

  static TotpValidateRequest read(Body b) {
    return new TotpValidateRequest(b.text("request_id"), b.text("operator_id"), b.text("device_id"), b.secretText("totp_code"),
        b.bytes("client_nonce"), b.time("timestamp"), b.optionalByteList("attestation_chain"), b.optionalMap("metadata"));
  }

  @Override public String type() { return TYPE; }

  @Override
  public CborMap body() {
    return new BodyBuilder().text("request_id", requestId).text("operator_id", operatorId).text("device_id", deviceId)
        .secretText("totp_code", totpCode).bytes("client_nonce", clientNonce).time("timestamp", timestamp)
        .byteList("attestation_chain", attestationChain).map("metadata", metadata).build();
  }
}
