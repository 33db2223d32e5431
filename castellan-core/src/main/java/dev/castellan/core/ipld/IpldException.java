package dev.castellan.core.ipld;

/**
 * A malformed varint, multihash, CID, DAG-CBOR block or CAR file, or a block whose bytes
 * do not match its CID. The message says what was wrong without echoing the input.
 */
public final class IpldException extends Exception {
  private static final long serialVersionUID = 1L;

  public IpldException(String message) {
    super(message);
  }

  public IpldException(String message, Throwable cause) {
    super(message, cause);
  }
}
