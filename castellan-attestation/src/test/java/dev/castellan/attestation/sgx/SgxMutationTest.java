package dev.castellan.attestation.sgx;

import static dev.castellan.attestation.sgx.SgxVectors.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.MalformedEvidenceException;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.attestation.tdx.TdxCollateral;
import dev.castellan.testkit.Failures;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A mutated SGX quote fails: one byte in the body, in the signature, in the PCK certificate
 * (each with its check named), then every byte before the PEM chain and every
 * {@value #CHAIN_STRIDE}th byte of the chain, a set reserved byte, one byte more or less;
 * always an AttestationException, never anything else.
 */
class SgxMutationTest {
  private static final int CHAIN_STRIDE = 11;
  private static final int BODY = 48;
  private static final int SIGNATURE = BODY + 384 + 4;

  @Test
  void verify_oneByteChangedInTheBody_failsTheQuoteSignature() throws Exception {
    assertFails(mutated(BODY + 64), "sgx.quote.signature"); // MRENCLAVE
    assertFails(mutated(BODY + 320), "sgx.quote.signature"); // REPORTDATA
  }

  @Test
  void verify_oneByteChangedInTheSignature_failsTheQuoteSignature() throws Exception {
    assertFails(mutated(SIGNATURE + 10), "sgx.quote.signature");
  }

  @Test
  void verify_oneByteChangedInThePckCertificate_fails() throws Exception {
    byte[] quote = quote();
    String text = new String(quote, StandardCharsets.ISO_8859_1);
    int leaf = text.indexOf("-----BEGIN CERTIFICATE-----") + "-----BEGIN CERTIFICATE-----".length();
    // A base64 character inside the leaf's signed part (its subject public key, ~300 bytes in).
    int at = leaf + 400;
    byte[] mutated = quote.clone();
    mutated[at] = (byte) (mutated[at] == 'A' ? 'B' : 'A');
    assertThatThrownBy(() -> verify(mutated, collateral()))
        .isInstanceOf(AttestationException.class)
        .satisfies(e -> assertThat(((AttestationException) e).check())
            .isIn("sgx.quote", "sgx.pck-chain", "sgx.qe-report.signature"));
  }

  @Test
  void verify_aSetReservedByte_isMalformedNamingTheField() throws Exception {
    assertThatThrownBy(() -> verify(mutated(BODY + 100), null))
        .isInstanceOf(MalformedEvidenceException.class).hasMessageContaining("RESERVED2");
  }

  @Test
  void verify_anotherQeVendorId_isMalformed() throws Exception {
    assertThatThrownBy(() -> verify(mutated(12), null))
        .isInstanceOf(MalformedEvidenceException.class).hasMessageContaining("QE vendor ID");
  }

  @Test
  void verify_trailingOrMissingBytes_areMalformed() throws Exception {
    byte[] quote = quote();
    byte[] longer = java.util.Arrays.copyOf(quote, quote.length + 1);
    assertThatThrownBy(() -> verify(longer, null))
        .isInstanceOf(MalformedEvidenceException.class).hasMessageContaining("follow");
    byte[] shorter = java.util.Arrays.copyOf(quote, quote.length - 1);
    assertThatThrownBy(() -> verify(shorter, null))
        .isInstanceOf(MalformedEvidenceException.class).hasMessageContaining("sgx.quote");
  }

  @Test
  void verify_anyByteFlipped_throwsAttestationException() throws Exception {
    byte[] quote = quote();
    TdxCollateral collateral = collateral();
    VerificationRequest request = request(collateral);
    SgxVerifier verifier = verifier();
    int chainStart = new String(quote, StandardCharsets.ISO_8859_1)
        .indexOf("-----BEGIN CERTIFICATE-----");
    Failures failures = new Failures();
    for (int offset = 0; offset < quote.length;
        offset += offset < chainStart ? 1 : CHAIN_STRIDE) {
      byte[] mutated = quote.clone();
      mutated[offset] ^= 0x01;
      int at = offset;
      failures.check("byte " + at, () -> {
        try {
          verifier.verify(Evidence.of(Platform.SGX, mutated), request);
        } catch (AttestationException expected) {
          return;
        }
        throw new AssertionError("accepted a quote with byte " + at + " flipped");
      });
    }
    failures.assertNone(chainStart);
  }

  private static byte[] mutated(int offset) {
    byte[] quote = quote();
    quote[offset] ^= 0x01;
    return quote;
  }

  private static void assertFails(byte[] quote, String check) throws Exception {
    TdxCollateral collateral = collateral();
    assertThatThrownBy(() -> verify(quote, collateral))
        .isInstanceOf(AttestationException.class)
        .satisfies(e -> assertThat(((AttestationException) e).check()).isEqualTo(check));
  }
}
