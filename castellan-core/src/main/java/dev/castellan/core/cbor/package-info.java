/** CBOR (RFC 8949): a typed data model, the core deterministic encoding of section 4.2, and a strict, bounded decoder that rejects anything non-canonical. */
package dev.castellan.core.cbor;
