package dev.castellan.server.ra;

import dev.castellan.core.hash.HashAlgorithm;
import dev.castellan.core.vrf.EcvrfSuite;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The {@code user_data} of a per-file attestation document (docs/ra-api.md, "User data"): what
 * binds the document to one file's content, its path under the root, the VRF key and the VRF
 * output. Fixed layout, no length fields:
 *
 * <pre>
 * offset  length  field
 *      0       4  magic "CRA1" (Castellan remote attestation, layout 1)
 *      4       1  RFC 9381 suite_string of the VRF suite (0x01..0x04)
 *      5      64  SHA3-512 of the file's content
 *     69      32  SHA-256 of the path relative to the root (UTF-8, '/'-separated)
 *    101      32  SHA-256 of the VRF public key (PK_string)
 *    133    beta  the VRF output beta = ECVRF_proof_to_hash(pi) of alpha = the 64 hash bytes
 *                 (32 bytes for the P-256 suites, 64 for edwards25519): 165 or 197 bytes in all
 * </pre>
 *
 * A relying party recomputes it from the file, its path, the published VRF key and a verified
 * proof, and verifies the document with that as the expected report data ({@code castellan
 * attest verify --report-data HEX}): an exact match, never a prefix.
 */
public record RaUserData(EcvrfSuite suite, byte[] fileHash, byte[] pathHash, byte[] vrfKeyHash, byte[] vrfOutput) {
  static final byte[] MAGIC = "CRA1".getBytes(StandardCharsets.US_ASCII);
  static final int HASH_BYTES = 64;
  private static final int FIXED = 4 + 1 + 64 + 32 + 32;

  public RaUserData {
    require("file hash", fileHash, HASH_BYTES);
    require("path hash", pathHash, 32);
    require("VRF key hash", vrfKeyHash, 32);
    require("VRF output", vrfOutput, suite.outputLength());
    fileHash = fileHash.clone();
    pathHash = pathHash.clone();
    vrfKeyHash = vrfKeyHash.clone();
    vrfOutput = vrfOutput.clone();
  }

  /** The user data of {@code path}'s document: hashes the path and the key here. */
  public static RaUserData of(EcvrfSuite suite, byte[] fileHash, String path, byte[] vrfPublicKey, byte[] vrfOutput) {
    return new RaUserData(suite, fileHash, HashAlgorithm.SHA_256.hash(path.getBytes(StandardCharsets.UTF_8)),
        HashAlgorithm.SHA_256.hash(vrfPublicKey), vrfOutput);
  }

  public byte[] encode() {
    byte[] out = new byte[FIXED + vrfOutput.length];
    System.arraycopy(MAGIC, 0, out, 0, 4);
    out[4] = (byte) suite.suiteString();
    System.arraycopy(fileHash, 0, out, 5, 64);
    System.arraycopy(pathHash, 0, out, 69, 32);
    System.arraycopy(vrfKeyHash, 0, out, 101, 32);
    System.arraycopy(vrfOutput, 0, out, 133, vrfOutput.length);
    return out;
  }

  /**
   * Parses user data of this layout.
   *
   * @throws IllegalArgumentException on another magic, an unknown suite or a wrong length
   */
  public static RaUserData decode(byte[] data) {
    if (data.length < FIXED || !Arrays.equals(data, 0, 4, MAGIC, 0, 4)) {
      throw new IllegalArgumentException("not Castellan RA user data (layout CRA1)");
    }
    EcvrfSuite suite = VrfSuites.bySuiteString(data[4] & 0xff);
    if (data.length != FIXED + suite.outputLength()) {
      throw new IllegalArgumentException("RA user data of " + suite.specName() + " must be "
          + (FIXED + suite.outputLength()) + " bytes, got " + data.length);
    }
    return new RaUserData(suite, Arrays.copyOfRange(data, 5, 69), Arrays.copyOfRange(data, 69, 101),
        Arrays.copyOfRange(data, 101, 133), Arrays.copyOfRange(data, 133, data.length));
  }

  private static void require(String what, byte[] value, int length) {
    if (value.length != length) {
      throw new IllegalArgumentException(what + " must be " + length + " bytes, got " + value.length);
    }
  }

  @Override
  public byte[] fileHash() {
    return fileHash.clone();
  }

  @Override
  public byte[] pathHash() {
    return pathHash.clone();
  }

  @Override
  public byte[] vrfKeyHash() {
    return vrfKeyHash.clone();
  }

  @Override
  public byte[] vrfOutput() {
    return vrfOutput.clone();
  }
}
