/**
 * Operator one-time passwords for the authority: RFC 6238 TOTP over RFC 4226 HOTP, validated
 * with an acceptance window, a replay guard and per-operator and per-device rate limits, with
 * results {@code ok | fail | rate_limited | replay} as in seed 004's {@code
 * totp_validate_resp}; secrets generated from an injected {@link java.security.SecureRandom},
 * held in a holder that never prints and stored only sealed (castellan-keys); enrolment that
 * shows the {@code otpauth://} key URI once.
 *
 * <p>HOTP and TOTP are written here over {@link javax.crypto.Mac} (about 60 lines, checked
 * against every RFC 6238 Appendix B vector) rather than taken from a library: the parts that
 * matter for security (the window, the constant-time comparison of every candidate, the replay
 * guard) have to be ours anyway, and this keeps the authority free of a dependency whose only
 * job would be one HMAC and a truncation.
 */
package dev.castellan.authority.totp;
