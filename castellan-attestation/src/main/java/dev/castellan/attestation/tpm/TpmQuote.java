package dev.castellan.attestation.tpm;

import java.util.List;

/**
 * One signed TPM quote with the PCR values it covers.
 *
 * @param attest the TPMS_ATTEST bytes, exactly as signed
 * @param signature the TPMT_SIGNATURE bytes
 * @param pcrValues the selected PCR values in selection order (bank by bank, ascending index)
 */
public record TpmQuote(byte[] attest, byte[] signature, List<byte[]> pcrValues) {
  public TpmQuote {
    attest = attest.clone();
    signature = signature.clone();
    pcrValues = pcrValues.stream().map(byte[]::clone).toList();
  }

  @Override
  public byte[] attest() {
    return attest.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public List<byte[]> pcrValues() {
    return pcrValues.stream().map(byte[]::clone).toList();
  }
}
