/**
 * Keys held in a PKCS#11 token: a {@link dev.castellan.core.signature.PublicKeySign} whose
 * private key never leaves the token ({@link Pkcs11Signer}), key pairs generated inside the
 * token ({@link Pkcs11Token#generateKeyPair}), and RFC 7512 URIs naming tokens and objects
 * ({@link Pkcs11Uri}).
 *
 * <p><b>Binding.</b> Both mechanisms, CKM_ECDSA (P-256) and CKM_EDDSA (Ed25519), go through
 * one direct binding of the PKCS#11 C API with the Foreign Function and Memory API
 * ({@code internal.Cryptoki}). The JDK 25 SunPKCS11 provider was checked first (docs/keys.md,
 * "Which binding"): it registers no Ed25519/EdDSA key pair generator or signature at all, so
 * CKM_EDDSA needs a binding of our own; and for P-256, where it does work, its KeyStore shows
 * no private key without a certificate beside it and it cannot set a label or id per key
 * (only through a static provider configuration) nor select a token by label. One binding for
 * both key types keeps one session model, one URI resolution and one error mapping, and it
 * never finalizes the module behind another user's back.
 *
 * <p><b>Dependencies.</b> This package may depend on {@code dev.castellan.core} (signature
 * keys and {@code SecretBytes}), the JDK ({@code java.lang.foreign}) and its own
 * {@code internal} package; nothing server-side, no log, no CLI. The {@code internal} package
 * is the C binding and depends only on the JDK and the exception types here.
 */
package dev.castellan.keys.pkcs11;
