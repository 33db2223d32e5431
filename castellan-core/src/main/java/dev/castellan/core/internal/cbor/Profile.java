package dev.castellan.core.internal.cbor;

/** The encoding rules an encoder writes and a decoder enforces. */
public enum Profile {
  /** Any well-formed CBOR (RFC 8949 §5.3.1); duplicate map keys and invalid UTF-8 still rejected. */
  WELL_FORMED,
  /** RFC 8949 §4.2.1 core deterministic encoding, with the CDE rules for floats and bignums. */
  DETERMINISTIC,
  /** DAG-CBOR (ipld.io/specs/codecs/dag-cbor/spec): length-first text keys, 64-bit floats, tag 42 only. */
  DAG_CBOR
}
