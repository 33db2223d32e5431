package dev.castellan.log.storage;

/**
 * A record as storage sees it: its CID (the key) and its exact encoded bytes (the value and
 * the Merkle leaf). Storage never interprets the bytes.
 */
public record StoredRecord(String cid, byte[] bytes) {}
