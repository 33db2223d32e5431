package dev.castellan.keys.tpm;

import dev.castellan.keys.UnsealException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * The fields of a sealed data object's TPM2B_PUBLIC (TPM 2.0 Library Part 2, 12.2.4) that
 * decide who may unseal it: a keyed-hash object with a SHA-256 name, whose user role needs
 * its policy (userWithAuth clear: with it set, the empty auth value would unseal it without
 * any PCR check).
 */
record SealedDataObject(long attributes, byte[] authPolicy) {
  static final int TYPE_KEYEDHASH = 0x0008;
  private static final int ALG_NULL = 0x0010;
  static final long FIXED_TPM = 1 << 1;
  static final long FIXED_PARENT = 1 << 4;
  static final long USER_WITH_AUTH = 1 << 6;
  static final long ADMIN_WITH_POLICY = 1 << 7;
  static final long NO_DA = 1 << 10;
  /** What {@link TpmSealer} creates: bound to this TPM and this parent, every role through the policy. */
  static final String TOOL_ATTRIBUTES = "fixedtpm|fixedparent|adminwithpolicy|noda";

  SealedDataObject {
    authPolicy = authPolicy.clone();
  }

  @Override
  public byte[] authPolicy() {
    return authPolicy.clone();
  }

  static SealedDataObject parse(byte[] tpm2bPublic) throws UnsealException {
    try {
      ByteBuffer in = ByteBuffer.wrap(tpm2bPublic);
      if ((in.getShort() & 0xffff) != tpm2bPublic.length - 2) {
        throw malformed("its size prefix is wrong");
      }
      int type = in.getShort() & 0xffff;
      int nameAlg = in.getShort() & 0xffff;
      if (type != TYPE_KEYEDHASH || nameAlg != PcrPolicy.ALG_SHA256) {
        throw malformed(String.format(Locale.ROOT,
            "type 0x%04x name algorithm 0x%04x, a keyed-hash object named with SHA-256 expected", type, nameAlg));
      }
      long attributes = in.getInt() & 0xffffffffL;
      byte[] authPolicy = tpm2b(in, "authPolicy");
      if (authPolicy.length != PcrPolicy.DIGEST_SIZE) {
        throw malformed("its authPolicy is " + authPolicy.length + " bytes, a SHA-256 policy digest expected");
      }
      if ((in.getShort() & 0xffff) != ALG_NULL) {
        throw malformed("it has a keyed-hash scheme; a sealed data object has none");
      }
      tpm2b(in, "unique");
      if (in.hasRemaining()) {
        throw malformed("trailing bytes");
      }
      if ((attributes & USER_WITH_AUTH) != 0) {
        throw new UnsealException("the TPM-sealed key is not bound to its PCR policy (userWithAuth is set); refusing it");
      }
      return new SealedDataObject(attributes, authPolicy);
    } catch (BufferUnderflowException e) {
      throw malformed("truncated");
    }
  }

  private static byte[] tpm2b(ByteBuffer in, String field) {
    byte[] bytes = new byte[in.getShort() & 0xffff];
    in.get(bytes);
    return bytes;
  }

  private static UnsealException malformed(String reason) {
    return new UnsealException("the TPM-sealed key is malformed: its public part is not a sealed data object: " + reason);
  }
}
