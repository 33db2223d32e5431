package dev.castellan.authority.service;

import java.io.IOException;

/**
 * Where {@link Cryptod} records every authentication attempt and decision. {@code record}
 * returns once the event is durable: the service answers a request only after its decision is
 * recorded, and closes the connection without an answer when recording fails.
 */
@FunctionalInterface
public interface AuditSink {
  /** Records {@code event} durably; MUST NOT put anything but the event's fields in the record. */
  void record(AuditEvent event) throws IOException;
}
