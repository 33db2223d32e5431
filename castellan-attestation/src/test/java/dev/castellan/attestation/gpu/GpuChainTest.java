package dev.castellan.attestation.gpu;

import static dev.castellan.attestation.gpu.GpuVectors.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.internal.Pkix;
import dev.castellan.testkit.Vectors;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The chain cases of the vectors' README against {@link GpuCertificateChain} on its own, and
 * the JDK PKIX gotcha it exists for: PKIX alone accepts case 2 (an empty path) and case 4 (no
 * leaf).
 */
class GpuChainTest {
  @org.junit.jupiter.api.BeforeEach
  void vectors() {
    requireVectors();
  }

  private static final Optional<ByteString> FWID_1 = Optional.of(ByteString.fromHex(
      "f5c384aebb579217a2c66b17ed0f28e6a9b8d639041acd7b4721cec004f7275494ba94bb5cdfdb3055ee051762b1f75d"));

  @Test
  void case1_validates() throws Exception {
    assertThat(GpuCertificateChain.validate(chain(CHAIN_1), anchors(), TIME, FWID_1).name())
        .isEqualTo("nvidia-device-identity-ca");
  }

  @Test
  void case1_leafFwid_isTheLast48BytesOfTheExtension() throws Exception {
    X509Certificate leaf = chain(CHAIN_1).getFirst();
    byte[] extension = leaf.getExtensionValue(GpuCertificateChain.FWID_OID);
    byte[] last48 = java.util.Arrays.copyOfRange(extension, extension.length - 48, extension.length);
    assertThat(GpuCertificateChain.fwid(leaf)).isEqualTo(ByteString.of(last48)).isEqualTo(FWID_1.get());
    X509Certificate signing = Pkix.parsePem(Vectors.text(DIR + "hopper_signing_cert.pem"), "t").getFirst();
    assertThat(signing.getEncoded()).isEqualTo(leaf.getEncoded());
  }

  @Test
  void cases2to4_fail() throws Exception {
    assertFails("hopper_cert_chain_case2.txt", "gpu.chain", "at least the signing certificate and the root CA");
    assertFails("hopper_cert_chain_case3.txt", "gpu.chain", "report certificate chain failed to verify");
    assertFails("hopper_cert_chain_case4.txt", "gpu.fwid", "FWID extension (OID 2.23.133.5.4.1) not found");
  }

  @Test
  void jdkPkixAlone_acceptsCases2And4_rejectsCase3() throws Exception {
    // Root as trust anchor, revocation off, the path without the root: the README's gotcha.
    for (String file : List.of("hopper_cert_chain_case2.txt", "hopper_cert_chain_case4.txt")) {
      List<X509Certificate> chain = chain(DIR + file);
      assertThat(Pkix.validate(chain, anchors(), Platform.GPU, TIME, List.of(), "t").name()).as(file)
          .isEqualTo("nvidia-device-identity-ca");
    }
    assertThatThrownBy(() -> Pkix.validate(chain(DIR + "hopper_cert_chain_case3.txt"), anchors(), Platform.GPU, TIME,
        List.of(), "t")).isInstanceOf(AttestationException.class);
  }

  @Test
  void aChainWithoutTheRoot_failsThePin() throws Exception {
    // Leaf, BROM, provisioner, identity: four valid links but no root at the end.
    List<X509Certificate> chain = chain(CHAIN_1).subList(0, 4);
    assertThatThrownBy(() -> GpuCertificateChain.validate(chain, anchors(), TIME, FWID_1))
        .isInstanceOf(AttestationException.class).hasMessageContaining("not the pinned NVIDIA root");
  }

  @Test
  void reportWithoutFwid_failsTheBinding() {
    assertThatThrownBy(() -> GpuCertificateChain.validate(chain(CHAIN_1), anchors(), TIME, Optional.empty()))
        .isInstanceOf(AttestationException.class).hasMessageContaining("report has no FWID");
  }

  private static void assertFails(String file, String check, String message) {
    assertThatThrownBy(() -> GpuCertificateChain.validate(chain(DIR + file), anchors(), TIME, FWID_1))
        .as(file)
        .isInstanceOf(AttestationException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((AttestationException) e).check()).isEqualTo(check));
  }
}
