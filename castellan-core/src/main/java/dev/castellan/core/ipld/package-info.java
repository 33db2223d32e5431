/** IPLD and multiformats: unsigned varints, multihash, CIDv0/CIDv1, base32 multibase, DAG-CBOR (length-first key order, tag 42 links) and CARv1. */
package dev.castellan.core.ipld;
