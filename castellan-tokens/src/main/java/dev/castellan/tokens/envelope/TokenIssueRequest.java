package dev.castellan.tokens.envelope;

import dev.castellan.core.cbor.CborMap;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code token_issue_req}: a policy VM asks cryptod for a capability with the requested scopes. */
public record TokenIssueRequest(
    String requestId, String vmId, List<String> requestedScope, String justification, ByteString nonce, Instant timestamp,
    Optional<ByteString> attestation, Optional<CborMap> metadata) implements Envelope {
  public static final String TYPE = "token_issue_req";

  public TokenIssueRequest {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(vmId, "vmId");
    requestedScope = List.copyOf(requestedScope);
    Objects.requireNonNull(justification, "justification");
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(attestation, "attestation");
    Objects.requireNonNull(metadata, "metadata");
  }

  static TokenIssueRequest read(Body b) {
    return new TokenIssueRequest(b.text("request_id"), b.text("vm_id"), b.texts("requested_scope"), b.text("justification"),
        b.bytes("nonce"), b.time("timestamp"), b.optionalBytes("attestation"), b.optionalMap("metadata"));
  }

  @Override public String type() { return TYPE; }

  @Override
  public CborMap body() {
    return new BodyBuilder().text("request_id", requestId).text("vm_id", vmId).texts("requested_scope", requestedScope)
        .text("justification", justification).bytes("nonce", nonce).time("timestamp", timestamp)
        .bytes("attestation", attestation).map("metadata", metadata).build();
  }
}
