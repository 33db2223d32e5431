package dev.castellan.log;

import dev.castellan.core.ipld.Cid;
import dev.castellan.log.internal.Cids;
import dev.castellan.log.internal.RecordCodec;
import dev.castellan.log.internal.RecordSignatures;
import dev.castellan.log.internal.RecordVerifiers;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Locale;

/**
 * One log record: the IPLD map {@code {data, signature, pubkey}} encoded as DAG-CBOR, whose
 * CIDv1 (dag-cbor, sha2-256) is its primary key. {@code signature} covers {@code data}
 * exactly as stored; {@code pubkey} is the signer's SubjectPublicKeyInfo (DER), so that
 * {@code openssl dgst -sha256 -verify} (ECDSA P-256) or {@code openssl pkeyutl -verify -rawin}
 * (Ed25519) verifies a record with nothing but its own bytes.
 *
 * <p>The Merkle leaf of a record is its encoded bytes: leaf hash = SHA-256(0x00 || bytes).
 * {@link #decode} accepts only the exact canonical encoding, so bytes, record and CID
 * correspond one to one.
 */
public final class LogRecord {
  /** Upper bound of {@code data}: 1 MiB. */
  public static final int MAX_DATA_BYTES = 1 << 20;
  /** P-256 DER signatures are at most 72 bytes, Ed25519 64; room for larger schemes. */
  public static final int MAX_SIGNATURE_BYTES = 512;
  /** SPKI of the keys we accept is at most 91 bytes; room for larger schemes. */
  public static final int MAX_PUBKEY_BYTES = 1024;
  /** Upper bound of an encoded record: fields plus at most 40 bytes of CBOR framing. */
  public static final int MAX_ENCODED_BYTES = MAX_DATA_BYTES + MAX_SIGNATURE_BYTES + MAX_PUBKEY_BYTES + 40;

  private final byte[] data;
  private final byte[] signature;
  private final byte[] pubkey;
  private final byte[] encoded;
  private final Cid cid;

  private LogRecord(byte[] data, byte[] signature, byte[] pubkey, byte[] encoded) {
    this.data = data;
    this.signature = signature;
    this.pubkey = pubkey;
    this.encoded = encoded;
    this.cid = Cids.of(encoded);
  }

  /** A record of the given fields (not verified: see {@link #verifySignature()}). */
  public static LogRecord of(byte[] data, byte[] signature, byte[] pubkey) throws RecordException {
    checkSizes(data.length, signature.length, pubkey.length);
    byte[] d = data.clone();
    byte[] s = signature.clone();
    byte[] p = pubkey.clone();
    return new LogRecord(d, s, p, RecordCodec.encode(d, p, s));
  }

  /** Parses the exact DAG-CBOR encoding of a record. */
  public static LogRecord decode(byte[] encoded) throws RecordException {
    if (encoded.length > MAX_ENCODED_BYTES) {
      throw new RecordException("record is larger than " + MAX_ENCODED_BYTES + " bytes");
    }
    RecordCodec.Fields fields = RecordCodec.decode(encoded);
    if (fields == null) {
      throw new RecordException("record is not the canonical DAG-CBOR map {data, pubkey, signature}");
    }
    checkSizes(fields.data().length, fields.signature().length, fields.pubkey().length);
    return new LogRecord(fields.data(), fields.signature(), fields.pubkey(), encoded.clone());
  }

  /** Throws unless {@code signature} is a valid signature of {@code data} by {@code pubkey}. */
  public void verifySignature() throws RecordException {
    try {
      RecordSignatures.verify(pubkey, data, signature);
    } catch (GeneralSecurityException e) {
      throw new RecordException("record signature does not verify: " + e.getMessage());
    }
  }

  /** As {@link #verifySignature()}, reusing decoded keys from {@code verifiers}. */
  void verifySignature(RecordVerifiers verifiers) throws RecordException {
    try {
      verifiers.verify(pubkey, data, signature);
    } catch (GeneralSecurityException e) {
      throw new RecordException("record signature does not verify: " + e.getMessage());
    }
  }

  public byte[] data() {
    return data.clone();
  }

  public byte[] signature() {
    return signature.clone();
  }

  /** The signer's SubjectPublicKeyInfo, DER. */
  public byte[] pubkey() {
    return pubkey.clone();
  }

  /** The DAG-CBOR bytes: the block addressed by {@link #cid()} and the Merkle leaf. */
  public byte[] encoded() {
    return encoded.clone();
  }

  /** The CIDv1 (dag-cbor, sha2-256) in multibase base32, e.g. {@code bafyrei...}. */
  public String cid() {
    return cid.toString();
  }

  /** The CID as a value (for CAR files and IPLD links). */
  public Cid cidValue() {
    return cid;
  }

  /** The binary CID. */
  public byte[] cidBytes() {
    return cid.bytes();
  }

  private static void checkSizes(int data, int signature, int pubkey) throws RecordException {
    if (data > MAX_DATA_BYTES || signature > MAX_SIGNATURE_BYTES || pubkey > MAX_PUBKEY_BYTES) {
      throw new RecordException(String.format(Locale.ROOT,
          "record fields exceed the limits (data %d, signature %d, pubkey %d bytes)",
          MAX_DATA_BYTES, MAX_SIGNATURE_BYTES, MAX_PUBKEY_BYTES));
    }
    if (signature == 0 || pubkey == 0) {
      throw new RecordException("record signature and pubkey must not be empty");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LogRecord r && Arrays.equals(r.encoded, encoded);
  }

  @Override
  public int hashCode() {
    return cid.hashCode();
  }

  @Override
  public String toString() {
    return "LogRecord[" + cid + "]";
  }
}
