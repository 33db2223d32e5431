/** CBOR Web Token claims (RFC 8392) carried in COSE_Sign1. */
package dev.castellan.core.cwt;
