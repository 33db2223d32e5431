/**
 * IPLD and multiformats: the pieces a content-addressed log needs.
 *
 * <ul>
 *   <li>{@link dev.castellan.core.ipld.Varint}: unsigned varints, minimal, at most 9 bytes.
 *   <li>{@link dev.castellan.core.ipld.Multihash}: {@code code ‖ length ‖ digest}; verifies
 *       identity, sha2-256/384/512 and sha3-512 in constant time.
 *   <li>{@link dev.castellan.core.ipld.Cid}: CIDv1 ({@code b…} base32) and CIDv0 ({@code Qm…});
 *       {@code Cid.of(Cid.DAG_CBOR, block)} hashes with sha2-256.
 *   <li>{@link dev.castellan.core.ipld.DagCbor}: the DAG-CBOR codec over the {@code cbor} data
 *       model (length-first text keys, 64-bit floats, tag 42 links via {@code DagCbor.link} /
 *       {@code DagCbor.linkTarget}); strict both ways, so one value has one block and one CID.
 *   <li>{@link dev.castellan.core.ipld.CarWriter} / {@link dev.castellan.core.ipld.CarReader}:
 *       CARv1 files; the reader is streaming, bounded by {@link dev.castellan.core.ipld.CarLimits},
 *       and verifies every block against its CID.
 * </ul>
 *
 * Every malformed input raises {@link dev.castellan.core.ipld.IpldException}; nothing here
 * throws an unchecked exception on bad input.
 */
package dev.castellan.core.ipld;
