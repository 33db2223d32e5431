package dev.castellan.attestation.tpm;

import static dev.castellan.attestation.tpm.TpmVectors.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.AttestationResult;
import dev.castellan.attestation.BindingException;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.FreshnessException;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.SignatureInvalidException;
import dev.castellan.attestation.TpmClaims;
import dev.castellan.attestation.TrustAnchors;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.core.bytes.Hex;
import dev.castellan.core.hash.HashAlgorithm;
import dev.castellan.testkit.Failures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The TPM vectors of vectors/attestation/README.md section 4 and negatives 21-24. */
class TpmVerifierTest {
  private static final Instant NOW = Instant.parse("2026-02-03T00:00:00Z");
  private static final byte[] GCE_NONCE_VALUE = {(byte) 0x90, 0x09};
  private static final int SHA256 = 0x000b;

  private static final TpmVerifier VERIFIER = TpmVerifier.create(TrustAnchors.bundled());

  private static AttestationResult verify(TpmEvidence evidence, Freshness freshness)
      throws Exception {
    return VERIFIER.verify(evidence(evidence), VerificationRequest.at(NOW, freshness));
  }

  private static TpmClaims claims(AttestationResult result) {
    return (TpmClaims) result.claims();
  }

  private static String pcr(TpmClaims claims, int index) {
    return claims.pcrs().get(SHA256).get(index).hex();
  }

  @Test
  void verify_everyVector_passesWithItsNonce() {
    Failures failures = new Failures();
    failures.check("trustee", () -> {
      TpmEvidence evidence = trustee();
      byte[] nonce = TpmsAttest.parse(evidence.quotes().getFirst().attest()).extraData();
      assertThat(nonce).hasSize(64);
      TpmClaims claims = claims(verify(evidence, Freshness.nonce(nonce)));
      assertThat(claims.akCertified()).isFalse();
      assertThat(pcr(claims, 0)).isEqualTo("00".repeat(32));
      assertThat(pcr(claims, 17)).isEqualTo("ff".repeat(32));
    });
    failures.check("gce nonce9009", () -> {
      TpmClaims claims = claims(verify(gce(GCE_NONCE), Freshness.nonce(GCE_NONCE_VALUE)));
      assertThat(claims.akCertified()).isTrue();
      assertThat(claims.pcrs().keySet()).containsExactlyInAnyOrder(0x0004, 0x000b, 0x000c);
      assertThat(pcr(claims, 0))
          .isEqualTo("0f35c214608d93c7a6e68ae7359b4a8be5a0e99eea9107ece427c4dea4e439cf");
      assertThat(pcr(claims, 7)).startsWith("3365d7fa");
    });
    failures.check("gce no-nonce", () -> {
      TpmClaims claims = claims(verify(gce(GCE_NO_NONCE), Freshness.none()));
      assertThat(claims.extraData().isEmpty()).isTrue();
    });
    failures.check("azure tdx", () -> {
      TpmClaims claims = claims(verify(azure(AZURE_TDX_QUOTE, AZURE_TDX_HCL),
          Freshness.nonce("challenge".getBytes(StandardCharsets.US_ASCII))));
      assertThat(pcr(claims, 0))
          .isEqualTo("782b20b10f55cc46e2142cc2145d548698073e5beb82752c8d7f9279f0d8a273");
    });
    failures.check("azure snp", () -> {
      TpmClaims claims = claims(verify(azure(AZURE_SNP_QUOTE, AZURE_SNP_HCL),
          Freshness.nonce("challenge".getBytes(StandardCharsets.US_ASCII))));
      assertThat(pcr(claims, 0))
          .isEqualTo("f3a7e99a5f819a034386bce753a48a73cfdaa0bea0ecfc124bedbf5a8c4799be");
    });
    failures.assertNone(5);
  }

  @Test
  void verify_wrongNonce_throwsFreshness() {
    assertThatThrownBy(() -> verify(gce(GCE_NO_NONCE), Freshness.nonce(GCE_NONCE_VALUE)))
        .isInstanceOf(FreshnessException.class).hasMessageContaining("tpm.freshness");
    assertThatThrownBy(() -> verify(gce(GCE_NONCE), Freshness.nonce(new byte[] {(byte) 0x90, 8})))
        .isInstanceOf(FreshnessException.class);
    assertThatThrownBy(() -> verify(gce(GCE_NONCE), Freshness.reportData(GCE_NONCE_VALUE)))
        .isInstanceOf(FreshnessException.class);
  }

  @Test
  void verify_flippedAttestByte_failsSignature() throws Exception {
    TpmEvidence good = trustee();
    TpmQuote quote = good.quotes().getFirst();
    Failures failures = new Failures();
    byte[] attest = quote.attest();
    // Flip bytes after the magic/type (those fail parsing instead) across the whole structure.
    for (int offset = 6; offset < attest.length; offset += 3) {
      byte[] mutated = attest.clone();
      mutated[offset] ^= 0x01;
      int at = offset;
      failures.check("attest byte " + at, () -> {
        TpmEvidence evidence = new TpmEvidence(
            List.of(new TpmQuote(mutated, quote.signature(), quote.pcrValues())),
            good.ak(), List.of());
        assertThatThrownBy(() -> verify(evidence, Freshness.none()))
            .isInstanceOf(AttestationException.class);
      });
    }
    failures.assertNone(50);
    byte[] body = attest.clone();
    body[40] ^= 0x01;
    assertThatThrownBy(() -> verify(new TpmEvidence(
            List.of(new TpmQuote(body, quote.signature(), quote.pcrValues())), good.ak(),
            List.of()), Freshness.none()))
        .isInstanceOf(SignatureInvalidException.class).hasMessageContaining("tpm.signature");
  }

  @Test
  void verify_tamperedPcrValue_failsPcrDigest() throws Exception {
    for (TpmEvidence good : List.of(trustee(), gce(GCE_NONCE))) {
      List<TpmQuote> quotes = new ArrayList<>(good.quotes());
      TpmQuote quote = quotes.getFirst();
      List<byte[]> values = new ArrayList<>(quote.pcrValues());
      values.set(0, values.getFirst().clone());
      values.getFirst()[0] ^= 0x01;
      quotes.set(0, new TpmQuote(quote.attest(), quote.signature(), values));
      assertThatThrownBy(() -> verify(new TpmEvidence(quotes, good.ak(), good.akCertificates()),
              Freshness.none()))
          .isInstanceOf(BindingException.class).hasMessageContaining("tpm.pcr-digest");
    }
  }

  @Test
  void pcrDigest_withTheBankHash_wouldWronglyMismatch() throws Exception {
    for (TpmQuote quote : gce(GCE_NONCE).quotes()) {
      TpmsAttest attest = TpmsAttest.parse(quote.attest());
      int bank = attest.selections().getFirst().hashAlg();
      if (bank == SHA256) {
        continue;
      }
      byte[] concatenated = quote.pcrValues().stream().reduce(new byte[0], (a, b) -> {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
      });
      assertThat(TpmHash.of(bank).digest(concatenated)).isNotEqualTo(attest.pcrDigest());
      assertThat(HashAlgorithm.SHA_256.hash(concatenated)).isEqualTo(attest.pcrDigest());
    }
  }

  @Test
  void verify_gceAkCertificateWithoutIntermediate_failsChain() throws Exception {
    TpmEvidence good = gce(GCE_NONCE);
    TpmEvidence leafOnly = new TpmEvidence(good.quotes(), good.ak(),
        List.of(good.akCertificates().getFirst()));
    assertThatThrownBy(() -> verify(leafOnly, Freshness.none()))
        .isInstanceOf(AttestationException.class).hasMessageContaining("tpm.ak-certificate");
  }

  @Test
  void verify_akCertificateForAnotherKey_throwsBinding() throws Exception {
    TpmEvidence good = gce(GCE_NONCE);
    TpmEvidence other = new TpmEvidence(good.quotes(), trustee().ak(), good.akCertificates());
    assertThatThrownBy(() -> verify(other, Freshness.none()))
        .isInstanceOf(AttestationException.class);
  }

  @Test
  void azureHclBinding_changedVarData_breaksTheTdxReportDataBinding() throws Exception {
    byte[] hcl = dev.castellan.testkit.Vectors.bytes(AZURE_TDX_HCL);
    byte[] tdQuote = dev.castellan.testkit.Vectors.bytes("attestation/tdx/azure-vtpm/trustee_az-tdx-vtpm_td-quote.bin");
    var tdx = dev.castellan.attestation.tdx.TdxVerifier.create(TrustAnchors.bundled()).verify(
        Evidence.of(Platform.TDX, tdQuote), VerificationRequest.at(NOW, Freshness.none()));
    byte[] reportData = ((dev.castellan.attestation.TdxClaims) tdx.claims()).reportData().toByteArray();
    byte[] expected = java.util.Arrays.copyOf(reportData, 32);
    assertThat(HashAlgorithm.SHA_256.hash(hclRuntimeJson(hcl))).isEqualTo(expected);
    byte[] changed = hcl.clone();
    changed[0x0880] += 1;
    assertThat(HashAlgorithm.SHA_256.hash(hclRuntimeJson(changed))).isNotEqualTo(expected);
  }

  @Test
  void parse_evidenceRoundTrip_isStable() throws Exception {
    TpmEvidence evidence = gce(GCE_NONCE);
    byte[] encoded = evidence.encode();
    assertThat(TpmEvidence.parse(encoded).encode()).isEqualTo(encoded);
    assertThat(dev.castellan.attestation.EvidenceFormat.detect(encoded)).isEqualTo(Platform.TPM);
    Failures failures = new Failures();
    for (int length = 0; length < encoded.length; length += 211) {
      byte[] truncated = java.util.Arrays.copyOf(encoded, length);
      failures.check("length " + length, () -> assertThatThrownBy(() -> TpmEvidence.parse(truncated))
          .isInstanceOf(TpmException.class));
    }
    failures.assertNone(20);
  }

  @Test
  void verify_akFromCollateral_isUsedWhenTheEvidenceHasNone() throws Exception {
    TpmEvidence good = trustee();
    TpmEvidence bare = new TpmEvidence(good.quotes(), Optional.empty(), List.of());
    assertThatThrownBy(() -> verify(bare, Freshness.none()))
        .isInstanceOf(AttestationException.class).hasMessageContaining("tpm.ak");
    var request = VerificationRequest.at(NOW, Freshness.none()).withCollateral(
        dev.castellan.attestation.CollateralSource.of(Platform.TPM, "ak",
            good.ak().orElseThrow().getEncoded()));
    AttestationResult result = VERIFIER.verify(evidence(bare), request);
    assertThat(result.checks()).extracting(Check::name).contains("tpm.signature");
    assertThat(Hex.encode(claims(result).akPublicKey().toByteArray()))
        .isEqualTo(Hex.encode(good.ak().orElseThrow().getEncoded()));
  }
}
