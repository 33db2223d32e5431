/**
 * Implementation of {@code dev.castellan.core.hpke}: labelled HKDF, the DHKEMs over X25519 and
 * P-256, the key schedule and the AEAD context of RFC 9180. Not exported.
 */
package dev.castellan.core.internal.hpke;
