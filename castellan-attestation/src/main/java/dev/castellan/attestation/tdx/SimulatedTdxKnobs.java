package dev.castellan.attestation.tdx;

import java.util.Arrays;

/**
 * The fields of a simulated TDX quote beyond {@link SimulatedTdxQuoteFactory.TdFields}: what a
 * real TDX module and platform would put there, settable one by one so that every structure
 * check and reference value can be exercised through the real verifier. Values are taken as
 * given, including ones that the verifier must reject (reserved bits, a foreign QE vendor ID):
 * the quote is still correctly signed, so only the check under test can reject it.
 *
 * @param tdAttributes TD_ATTRIBUTES as a number (bit 0 DEBUG is also set by {@code
 *     TdFields.debug})
 * @param xfam XFAM as a number
 * @param seamAttributes SEAM attributes as a number (zero for TDX 1.x)
 * @param mrSeam MRSEAM, 48 bytes
 * @param mrSignerSeam MRSIGNERSEAM, 48 bytes (zero: Intel's module)
 * @param teeTcbSvn TEE_TCB_SVN, 16 bytes (byte 0 module SVN, byte 1 module version)
 * @param fmspc the FMSPC of the PCK certificate issued for the quote, 6 bytes
 * @param qeVendorId the quote header's QE vendor ID, 16 bytes
 */
public record SimulatedTdxKnobs(long tdAttributes, long xfam, long seamAttributes, byte[] mrSeam,
    byte[] mrSignerSeam, byte[] teeTcbSvn, byte[] fmspc, byte[] qeVendorId) {

  public SimulatedTdxKnobs {
    mrSeam = check(mrSeam, 48, "mrSeam");
    mrSignerSeam = check(mrSignerSeam, 48, "mrSignerSeam");
    teeTcbSvn = check(teeTcbSvn, 16, "teeTcbSvn");
    fmspc = check(fmspc, 6, "fmspc");
    qeVendorId = check(qeVendorId, 16, "qeVendorId");
  }

  /**
   * A production TD on the simulated platform: SEPT_VE_DISABLE set, XFAM x87/SSE/AVX/AVX-512
   * (0xe7), SEAM attributes zero, MRSEAM and MRSIGNERSEAM zero, the platform's TEE_TCB_SVN and
   * FMSPC, Intel's QE vendor ID.
   */
  public static SimulatedTdxKnobs defaults() {
    return new SimulatedTdxKnobs(1L << TdAttributes.SEPT_VE_DISABLE, 0xe7, 0, new byte[48],
        new byte[48], SimulatedTdxQuoteFactory.TEE_TCB_SVN.clone(),
        SimulatedTdxQuoteFactory.FMSPC.clone(), TdxStructure.INTEL_QE_VENDOR_ID.clone());
  }

  public SimulatedTdxKnobs withTdAttributes(long value) {
    return new SimulatedTdxKnobs(value, xfam, seamAttributes, mrSeam, mrSignerSeam, teeTcbSvn,
        fmspc, qeVendorId);
  }

  public SimulatedTdxKnobs withXfam(long value) {
    return new SimulatedTdxKnobs(tdAttributes, value, seamAttributes, mrSeam, mrSignerSeam,
        teeTcbSvn, fmspc, qeVendorId);
  }

  public SimulatedTdxKnobs withSeamAttributes(long value) {
    return new SimulatedTdxKnobs(tdAttributes, xfam, value, mrSeam, mrSignerSeam, teeTcbSvn,
        fmspc, qeVendorId);
  }

  public SimulatedTdxKnobs withMrSeam(byte[] value) {
    return new SimulatedTdxKnobs(tdAttributes, xfam, seamAttributes, value, mrSignerSeam,
        teeTcbSvn, fmspc, qeVendorId);
  }

  public SimulatedTdxKnobs withMrSignerSeam(byte[] value) {
    return new SimulatedTdxKnobs(tdAttributes, xfam, seamAttributes, mrSeam, value, teeTcbSvn,
        fmspc, qeVendorId);
  }

  public SimulatedTdxKnobs withTeeTcbSvn(byte[] value) {
    return new SimulatedTdxKnobs(tdAttributes, xfam, seamAttributes, mrSeam, mrSignerSeam, value,
        fmspc, qeVendorId);
  }

  public SimulatedTdxKnobs withFmspc(byte[] value) {
    return new SimulatedTdxKnobs(tdAttributes, xfam, seamAttributes, mrSeam, mrSignerSeam,
        teeTcbSvn, value, qeVendorId);
  }

  public SimulatedTdxKnobs withQeVendorId(byte[] value) {
    return new SimulatedTdxKnobs(tdAttributes, xfam, seamAttributes, mrSeam, mrSignerSeam,
        teeTcbSvn, fmspc, value);
  }

  @Override
  public byte[] mrSeam() {
    return mrSeam.clone();
  }

  @Override
  public byte[] mrSignerSeam() {
    return mrSignerSeam.clone();
  }

  @Override
  public byte[] teeTcbSvn() {
    return teeTcbSvn.clone();
  }

  @Override
  public byte[] fmspc() {
    return fmspc.clone();
  }

  @Override
  public byte[] qeVendorId() {
    return qeVendorId.clone();
  }

  private static byte[] check(byte[] value, int length, String name) {
    if (value.length != length) {
      throw new IllegalArgumentException(name + " must be " + length + " bytes");
    }
    return Arrays.copyOf(value, length);
  }
}
