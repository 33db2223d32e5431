/**
 * CBOR (RFC 8949): a typed data model, the core deterministic encoding of §4.2.1, and a strict,
 * bounded decoder.
 *
 * <ul>
 *   <li>{@link dev.castellan.core.cbor.CborValue}: sealed; one type per kind — {@link
 *       dev.castellan.core.cbor.CborInteger} (full range [-2^64, 2^64-1]), {@link
 *       dev.castellan.core.cbor.CborBytes}, {@link dev.castellan.core.cbor.CborText}, {@link
 *       dev.castellan.core.cbor.CborArray}, {@link dev.castellan.core.cbor.CborMap}, {@link
 *       dev.castellan.core.cbor.CborTag}, {@link dev.castellan.core.cbor.CborSimple}, {@link
 *       dev.castellan.core.cbor.CborFloat}. All immutable, equal by content.
 *   <li>{@link dev.castellan.core.cbor.Cbor#encode}: deterministic bytes (sorted keys, shortest
 *       heads and floats, preferred bignums), so equal values always hash and sign the same.
 *   <li>{@link dev.castellan.core.cbor.Cbor#decode(byte[], dev.castellan.core.cbor.CborLimits)}:
 *       exactly one item; {@link dev.castellan.core.cbor.CborMode#DETERMINISTIC} rejects
 *       anything non-canonical, {@link dev.castellan.core.cbor.CborMode#WELL_FORMED} accepts
 *       foreign well-formed CBOR (still no duplicate keys, no invalid UTF-8); both bounded by
 *       size, depth and item count, and both throw only {@link
 *       dev.castellan.core.cbor.CborException}.
 * </ul>
 *
 * <p>Security note: never re-encode a WELL_FORMED-decoded structure to verify a signature over
 * it; verify over the original bytes (e.g. a COSE protected header is a byte string whose
 * content is used as is).
 */
package dev.castellan.core.cbor;
