package dev.castellan.attestation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.nitro.NitroVerifier;
import dev.castellan.attestation.snp.SnpVerifier;
import dev.castellan.testkit.Vectors;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VerifierSetTest {
  @Test
  void verify_dispatchesOnTheDetectedPlatform() throws Exception {
    VerifierSet set = VerifierSet.of(NitroVerifier.create(), SnpVerifier.create());
    Evidence nitro = Evidence.detect(Vectors.bytes("attestation/nitro/veracruz_aws_nitro_document.cbor"));
    AttestationResult result = set.verify(nitro,
        VerificationRequest.at(Instant.ofEpochMilli(1668034320696L).plusSeconds(30), Freshness.none()));
    assertThat(result.platform()).isEqualTo(Platform.NITRO);
    Evidence tdx = Evidence.detect(Vectors.bytes("attestation/tdx/trustee_tdx_quote_5.dat"));
    assertThatThrownBy(() -> set.verify(tdx, VerificationRequest.at(Instant.now(), Freshness.none())))
        .isInstanceOf(MalformedEvidenceException.class).hasMessageContaining("no verifier");
    assertThatThrownBy(() -> VerifierSet.of(SnpVerifier.create(), SnpVerifier.create()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
