package dev.castellan.authority.service;

import dev.castellan.core.cbor.CborMap;
import dev.castellan.log.LogRecord;
import dev.castellan.log.RecordSigner;
import dev.castellan.log.TransparencyLog;
import dev.castellan.tokens.envelope.AuditLog;
import dev.castellan.tokens.envelope.EnvelopeCodec;
import dev.castellan.tokens.envelope.SignedEnvelope;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Audit events as records of the transparency log. Each record's data is the deterministic
 * CBOR of a schema {@code audit_log} envelope ({@code {"type": "audit_log", "body": {entry_id,
 * actor, action, target?, result, timestamp, metadata?, signature}}}) whose {@code signature}
 * is the authority's COSE_Sign1 ({@code EnvelopeSignatures}); the log record itself is signed
 * by {@code signer} (Ed25519 for the service). {@link #record} returns once the log says the
 * record is durable.
 */
public final class LogAuditSink implements AuditSink {
  private final TransparencyLog log;
  private final RecordSigner signer;
  private final AuthorityIssuer authority;
  private final SecureRandom random;
  private final Duration timeout;

  public LogAuditSink(TransparencyLog log, RecordSigner signer, AuthorityIssuer authority, SecureRandom random, Duration timeout) {
    this.log = Objects.requireNonNull(log, "log");
    this.signer = Objects.requireNonNull(signer, "signer");
    this.authority = Objects.requireNonNull(authority, "authority");
    this.random = Objects.requireNonNull(random, "random");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  @Override
  public void record(AuditEvent event) throws IOException {
    byte[] entry;
    try {
      entry = signedEntry(event, authority, random);
    } catch (GeneralSecurityException e) {
      throw new IOException("the audit record could not be signed", e);
    }
    append(log, signer, entry, timeout);
  }

  /**
   * The deterministic CBOR of the {@code audit_log} envelope of {@code event}, signed by the
   * authority: a random {@code entry_id}, the authority's clock as {@code timestamp}.
   */
  static byte[] signedEntry(AuditEvent event, AuthorityIssuer authority, SecureRandom random) throws GeneralSecurityException {
    CborMap.Builder metadata = CborMap.builder();
    event.metadata().forEach(metadata::put);
    AuditLog entry = new AuditLog(Uuids.random(random), event.actor(), event.action(), event.target(), event.result(),
        authority.now(), event.metadata().isEmpty() ? Optional.empty() : Optional.of(metadata.build()), SignedEnvelope.UNSIGNED);
    return EnvelopeCodec.encode(authority.sign(entry));
  }

  /** Appends {@code entry} as a record signed by {@code signer}; returns once it is durable. */
  static void append(TransparencyLog log, RecordSigner signer, byte[] entry, Duration timeout) throws IOException {
    try {
      LogRecord record = signer.sign(entry);
      log.append(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (GeneralSecurityException | dev.castellan.log.RecordException e) {
      throw new IOException("the audit record could not be signed", e);
    } catch (ExecutionException e) {
      throw new IOException("the log refused the audit record: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IOException("the log did not make the audit record durable within " + timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while appending the audit record");
    }
  }
}
