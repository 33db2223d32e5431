package dev.castellan.authority.service;

import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.log.TransparencyLog;
import dev.castellan.tokens.envelope.AuditLog;
import dev.castellan.tokens.envelope.ByteString;
import dev.castellan.tokens.envelope.Envelope;
import dev.castellan.tokens.envelope.EnvelopeCodec;
import dev.castellan.tokens.envelope.TokenIssueRequest;
import dev.castellan.tokens.envelope.TotpValidateRequest;
import dev.castellan.transport.FramedConnection;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Requests as a client sends them, and the audit records as the log holds them. */
final class Wire {
  private Wire() {}

  private static final SecureRandom RANDOM = new SecureRandom();

  /** A fresh 16-byte request nonce. */
  static ByteString nonce() {
    byte[] nonce = new byte[16];
    RANDOM.nextBytes(nonce);
    return ByteString.of(nonce);
  }

  static TokenIssueRequest issueWithId(String requestId, String vmId, String... scopes) {
    return new TokenIssueRequest(requestId, vmId, List.of(scopes), "test", nonce(),
        CryptodFixture.NOW, Optional.empty(), Optional.empty());
  }

  static TokenIssueRequest issue(String vmId, String... scopes) {
    return issueWithId(UUID.randomUUID().toString(), vmId, scopes);
  }

  static TotpValidateRequest totp(String operator, String device, String code) {
    return new TotpValidateRequest(UUID.randomUUID().toString(), operator, device,
        SecretBytes.copyOf(code.getBytes(StandardCharsets.US_ASCII)), nonce(), CryptodFixture.NOW,
        Optional.empty(), Optional.empty());
  }

  /** {@code r} sent at {@code time}. */
  static TokenIssueRequest at(TokenIssueRequest r, Instant time) {
    return new TokenIssueRequest(r.requestId(), r.vmId(), r.requestedScope(), r.justification(), r.nonce(), time,
        r.attestation(), r.metadata());
  }

  /** {@code r} sent at {@code time}. */
  static TotpValidateRequest at(TotpValidateRequest r, Instant time) {
    return new TotpValidateRequest(r.requestId(), r.operatorId(), r.deviceId(), r.totpCode(), r.clientNonce(), time,
        r.attestationChain(), r.metadata());
  }

  @SuppressWarnings("unchecked")
  static <T extends Envelope> T call(FramedConnection c, Envelope request) throws Exception {
    c.send(EnvelopeCodec.encode(request));
    return (T) EnvelopeCodec.decode(c.receive());
  }

  /** Every audit record in the log, decoded. */
  static List<AuditLog> audit(TransparencyLog log) throws Exception {
    List<AuditLog> out = new ArrayList<>();
    for (long i = 0; i < log.size(); i++) {
      out.add((AuditLog) EnvelopeCodec.decode(log.record(i).data()));
    }
    return out;
  }

  static AuditLog last(TransparencyLog log) throws Exception {
    List<AuditLog> all = audit(log);
    return all.get(all.size() - 1);
  }

  static String meta(AuditLog record, String key) {
    return record.metadata().map(m -> m.get(key)).map(v -> ((dev.castellan.core.cbor.CborText) v).value()).orElse(null);
  }

  static String instant(Instant t) {
    return t.toString();
  }
}
