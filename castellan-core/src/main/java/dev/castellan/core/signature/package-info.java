/** Digital signatures behind two verbs, Tink style: {@code sign} and a {@code verify} that throws. Ed25519 (RFC 8032), ECDSA P-256/P-384 (FIPS 186-5), secp256k1 ECDSA (RFC 6979) and BIP-340 Schnorr. */
package dev.castellan.core.signature;
