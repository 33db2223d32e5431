package dev.castellan.log;

/**
 * The outcome of a durable append.
 *
 * @param index the record's index in the log
 * @param cid the record's CID
 * @param duplicate true when a record with this CID was already in the log (its index is returned)
 */
public record AppendResult(long index, String cid, boolean duplicate) {}
