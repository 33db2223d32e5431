/**
 * C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint): the origin, size and root hash of
 * the log's tree as the text of a signed note, signed with the log's Ed25519 note key.
 */
package dev.castellan.log.checkpoint;
