/** COSE_Sign1 (RFC 9052) signing and verification with ES256, ES384 and EdDSA (RFC 9053). */
package dev.castellan.core.cose;
