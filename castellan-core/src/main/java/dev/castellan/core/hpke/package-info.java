/**
 * Hybrid Public Key Encryption (RFC 9180), Base and Auth modes: {@link
 * dev.castellan.core.hpke.Hpke} sets up {@link dev.castellan.core.hpke.SenderContext} and {@link
 * dev.castellan.core.hpke.RecipientContext}, or seals and opens single-shot, for an {@link
 * dev.castellan.core.hpke.HpkeSuite} and typed {@link dev.castellan.core.hpke.HpkePrivateKey} /
 * {@link dev.castellan.core.hpke.HpkePublicKey}.
 */
package dev.castellan.core.hpke;
