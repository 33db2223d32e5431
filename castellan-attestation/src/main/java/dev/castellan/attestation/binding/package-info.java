/**
 * How keys are bound into attestation evidence, shared by the services that bind them and
 * the clients that check them: the signing key in PCR16 ({@link
 * dev.castellan.attestation.binding.KeyBinding}) and the TLS and attestation keys in the user
 * data ({@link dev.castellan.attestation.binding.UserData}).
 */
package dev.castellan.attestation.binding;
