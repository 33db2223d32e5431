package dev.castellan.keys.tpm;

import dev.castellan.keys.UnsealException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * What {@link TpmSealer#seal} returns: a TPM sealed data object and the PCR policy it is bound
 * to, self-describing (docs/tpm-sealing.md, "The sealed blob"). All integers big-endian:
 *
 * <pre>
 * magic            4   "CTPM"
 * version          1   1
 * primary template 1   1: ECC NIST P-256, AES-128-CFB, SHA-256 storage key under the owner
 *                         hierarchy (TpmSealer's fixed template, re-created on every call)
 * PCR bank         2   0x000B (TPM_ALG_SHA256)
 * PCR select       3   TPMS_PCR_SELECTION.pcrSelect: bit n of byte n/8 selects PCR n
 * PCR values       32n the selected PCRs' values at sealing, ascending index
 * public           2+a TPM2B_PUBLIC of the sealed object, as tpm2_create -u writes it
 * private          2+b TPM2B_PRIVATE of the sealed object, as tpm2_create -r writes it
 * </pre>
 *
 * <p>Nothing here is secret: the private part is encrypted and integrity-protected by the TPM
 * under its storage primary key, which never leaves the TPM. The PCR values are recorded only
 * to name the PCR that changed when unsealing fails; {@link TpmSealer} checks them against the
 * object's authPolicy, which the TPM enforces.
 */
public record TpmSealedBlob(PcrSelection pcrs, byte[] pcrValues, byte[] publicArea, byte[] privateArea) {
  private static final byte[] MAGIC = "CTPM".getBytes(StandardCharsets.US_ASCII);
  public static final int VERSION = 1;
  public static final int PRIMARY_TEMPLATE = 1;
  /** A keyed-hash TPMT_PUBLIC with a SHA-256 policy is 78 bytes; 1 KiB bounds either TPM2B. */
  static final int MAX_TPM2B = 1024;
  /** 11 header bytes + 24 × 32 PCR values + 2 × (2 + 1024): at most 2,831 bytes. */
  public static final int MAX_SIZE = 11 + PcrSelection.PCR_COUNT * PcrPolicy.DIGEST_SIZE + 2 * (2 + MAX_TPM2B);

  public TpmSealedBlob {
    pcrValues = pcrValues.clone();
    publicArea = publicArea.clone();
    privateArea = privateArea.clone();
    if (pcrValues.length != pcrs.size() * PcrPolicy.DIGEST_SIZE) {
      throw new IllegalArgumentException("one 32-byte value per selected PCR");
    }
    checkTpm2b("public", publicArea);
    checkTpm2b("private", privateArea);
  }

  private static void checkTpm2b(String part, byte[] tpm2b) {
    if (tpm2b.length < 3 || tpm2b.length > 2 + MAX_TPM2B
        || ((tpm2b[0] & 0xff) << 8 | (tpm2b[1] & 0xff)) != tpm2b.length - 2) {
      throw new IllegalArgumentException("the " + part + " part is not a TPM2B of 1.." + MAX_TPM2B + " bytes");
    }
  }

  /** The value the TPM had in {@code pcr} (one of {@link #pcrs}) at sealing. */
  public byte[] pcrValue(int pcr) {
    int position = pcrs.indices().indexOf(pcr);
    if (position < 0) {
      throw new IllegalArgumentException("PCR " + pcr + " is not in the selection");
    }
    return Arrays.copyOfRange(pcrValues, position * PcrPolicy.DIGEST_SIZE, (position + 1) * PcrPolicy.DIGEST_SIZE);
  }

  @Override
  public byte[] pcrValues() {
    return pcrValues.clone();
  }

  @Override
  public byte[] publicArea() {
    return publicArea.clone();
  }

  @Override
  public byte[] privateArea() {
    return privateArea.clone();
  }

  public byte[] encode() {
    return ByteBuffer.allocate(11 + pcrValues.length + publicArea.length + privateArea.length)
        .put(MAGIC).put((byte) VERSION).put((byte) PRIMARY_TEMPLATE).putShort((short) PcrPolicy.ALG_SHA256)
        .put(pcrs.bitmap()).put(pcrValues).put(publicArea).put(privateArea).array();
  }

  /** Parses a blob; anything but a well-formed version 1 blob that ends exactly is refused. */
  public static TpmSealedBlob parse(byte[] blob) throws UnsealException {
    if (blob.length > MAX_SIZE) {
      throw malformed(String.format(Locale.ROOT, "%d bytes, at most %d", blob.length, MAX_SIZE));
    }
    try {
      ByteBuffer in = ByteBuffer.wrap(blob);
      byte[] magic = new byte[MAGIC.length];
      in.get(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw malformed("not a CTPM blob");
      }
      int version = in.get() & 0xff;
      if (version != VERSION) {
        throw malformed("format version " + version + ", this build reads version " + VERSION);
      }
      int template = in.get() & 0xff;
      if (template != PRIMARY_TEMPLATE) {
        throw malformed("unknown primary key template " + template);
      }
      int bank = in.getShort() & 0xffff;
      if (bank != PcrPolicy.ALG_SHA256) {
        throw malformed(String.format(Locale.ROOT, "PCR bank 0x%04x, only SHA-256 (0x000b) is used", bank));
      }
      byte[] select = new byte[PcrSelection.SELECT_BYTES];
      in.get(select);
      PcrSelection pcrs;
      try {
        pcrs = PcrSelection.fromBitmap(select);
      } catch (IllegalArgumentException e) {
        throw malformed("no PCR selected");
      }
      byte[] values = new byte[pcrs.size() * PcrPolicy.DIGEST_SIZE];
      in.get(values);
      byte[] publicArea = tpm2b(in, "public");
      byte[] privateArea = tpm2b(in, "private");
      if (in.hasRemaining()) {
        throw malformed(in.remaining() + " trailing bytes");
      }
      return new TpmSealedBlob(pcrs, values, publicArea, privateArea);
    } catch (BufferUnderflowException e) {
      throw malformed("truncated (" + blob.length + " bytes)");
    }
  }

  private static byte[] tpm2b(ByteBuffer in, String part) throws UnsealException {
    if (in.remaining() < 2) {
      throw new BufferUnderflowException();
    }
    int size = in.getShort(in.position()) & 0xffff;
    if (size == 0 || size > MAX_TPM2B) {
      throw malformed("the " + part + " part is " + size + " bytes, 1.." + MAX_TPM2B + " expected");
    }
    byte[] tpm2b = new byte[2 + size];
    in.get(tpm2b);
    return tpm2b;
  }

  private static UnsealException malformed(String reason) {
    return new UnsealException("the TPM-sealed key is malformed: " + reason);
  }
}
