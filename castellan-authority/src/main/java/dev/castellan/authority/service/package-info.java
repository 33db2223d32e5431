/**
 * The authority as a service (seed 004's {@code cryptod}): {@link Cryptod} serves {@code
 * token_issue_req} and {@code totp_validate_req} envelopes over a castellan-transport {@code
 * Listener}, lets each peer send only what its {@link PeerAcl} entry allows, signs every
 * response, and writes every authentication attempt and decision to an {@link AuditSink}
 * ({@link LogAuditSink}: signed {@code audit_log} records in the transparency log, bounded per
 * peer by {@link BoundedAuditSink}). See docs/authority.md, "The service (cryptod)".
 */
package dev.castellan.authority.service;
