/** Hybrid Public Key Encryption (RFC 9180), base and auth modes. */
package dev.castellan.core.hpke;
