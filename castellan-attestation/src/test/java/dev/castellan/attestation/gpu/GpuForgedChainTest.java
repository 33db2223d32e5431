package dev.castellan.attestation.gpu;

import static dev.castellan.attestation.gpu.GpuVectors.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.AttestationResult;
import dev.castellan.attestation.CertificateChainException;
import dev.castellan.attestation.GpuClaims;
import dev.castellan.attestation.PinnedCertificate;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.TrustAnchors;
import dev.castellan.attestation.gpu.GpuForge.Issued;
import dev.castellan.attestation.gpu.GpuForge.Shape;
import dev.castellan.core.bytes.Hex;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

/**
 * Report 1 re-signed by a test chain of the Hopper shape: it verifies (as simulated) when the
 * chain is well formed, and each structural defect no real chain has fails {@code gpu.chain}
 * with its reason.
 */
class GpuForgedChainTest {
  @org.junit.jupiter.api.BeforeEach
  void vectors() {
    requireVectors();
  }

  private static final int LEAF = 0;
  private static final int DEVICE_CA = 1;
  private static final int PROVISIONER = 2;
  private static final int IDENTITY = 3;
  private static final int ROOT = 4;

  /** Builds the chain root first; {@code change} may alter the shape of certificate {@code at}. */
  private static List<Issued> chain(int at, UnaryOperator<Shape> change, byte[] fwid) throws Exception {
    String[] names = {"Forged FMC LF", "Forged BROM", "Forged Provisioner", "Forged Identity", "Forged Root"};
    Issued[] issued = new Issued[5];
    for (int i = ROOT; i >= LEAF; i--) {
      Shape shape = i == LEAF ? Shape.leaf(fwid) : Shape.ca();
      if (i == at) {
        shape = change.apply(shape);
      }
      issued[i] = GpuForge.issue(names[i], shape, i == ROOT ? null : issued[i + 1]);
    }
    return List.of(issued);
  }

  private static AttestationResult verify(List<Issued> issued) throws Exception {
    byte[] report = report(REPORT_1);
    GpuReport parsed = GpuReport.parse(report);
    byte[] signed = GpuForge.resign(report, issued.getFirst().keys().getPrivate());
    List<X509Certificate> certificates = new ArrayList<>();
    issued.forEach(i -> certificates.add(i.certificate()));
    TrustAnchors anchors = TrustAnchors.of(PinnedCertificate.simulatedRoot("forged-gpu-root", Platform.GPU,
        issued.getLast().certificate()));
    assertThat(parsed.opaque().fwid()).isPresent();
    return GpuVerifier.create(anchors).verify(GpuEvidence.of(signed, certificates), request(Hex.decode(NONCE_1)));
  }

  private static byte[] fwid1() throws Exception {
    return GpuReport.parse(report(REPORT_1)).opaque().fwid().orElseThrow().toByteArray();
  }

  private static void assertChainFails(List<Issued> issued, String reason) {
    assertThatThrownBy(() -> verify(issued))
        .isInstanceOf(CertificateChainException.class)
        .hasMessageStartingWith("gpu.chain: ")
        .hasMessageContaining(reason);
  }

  @Test
  void wellFormedForgedChain_verifiesAsSimulated() throws Exception {
    AttestationResult result = verify(chain(-1, s -> s, fwid1()));
    assertThat(result.simulated()).isTrue();
    assertThat(((GpuClaims) result.claims()).opaque().driverVersion()).isEqualTo("550.90.07");
  }

  @Test
  void fourCertificatesThatLinkToTheRoot_failTheHopperStructure() throws Exception {
    List<Issued> full = chain(-1, s -> s, fwid1());
    // Leaf, a device CA issued by the identity CA, identity CA, root: valid links, one short.
    Issued device = GpuForge.issue("Forged BROM", Shape.ca(), full.get(IDENTITY));
    Issued leaf = GpuForge.issue("Forged FMC LF", Shape.leaf(fwid1()), device);
    assertChainFails(List.of(leaf, device, full.get(IDENTITY), full.get(ROOT)), "Hopper structure");
  }

  @Test
  void issuerWithoutCaBasicConstraints_fails() throws Exception {
    assertChainFails(chain(PROVISIONER, s -> s.withCa(false), fwid1()), "is not a CA");
  }

  @Test
  void leafThatIsACa_fails() throws Exception {
    assertChainFails(chain(LEAF, s -> s.withCa(true), fwid1()), "signing certificate is a CA");
  }

  @Test
  void issuerWithoutKeyCertSign_fails() throws Exception {
    assertChainFails(chain(IDENTITY, s -> s.withKeyUsage(KeyUsage.digitalSignature), fwid1()), "keyCertSign");
  }

  @Test
  void leafWithoutDigitalSignature_fails() throws Exception {
    assertChainFails(chain(LEAF, s -> s.withKeyUsage(KeyUsage.keyAgreement), fwid1()), "digitalSignature");
  }

  @Test
  void pathLengthExceeded_fails() throws Exception {
    assertChainFails(chain(IDENTITY, s -> s.withPathLength(0), fwid1()), "path length");
  }

  @Test
  void expiredIntermediate_fails() throws Exception {
    assertChainFails(chain(DEVICE_CA, s -> s.withNotAfter(Instant.parse("2023-01-01T00:00:00Z")), fwid1()),
        "is not valid at");
  }

  @Test
  void unknownCriticalExtension_fails() throws Exception {
    assertChainFails(chain(PROVISIONER, Shape::withUnknownCriticalExtension, fwid1()), "critical extension");
  }

  @Test
  void p256Intermediate_fails() throws Exception {
    assertChainFails(chain(PROVISIONER, s -> s.withCurve("secp256r1"), fwid1()), "P-384");
  }

  @Test
  void leafWithAnotherFwid_failsTheBinding() throws Exception {
    byte[] other = fwid1();
    other[0] ^= 1;
    assertThatThrownBy(() -> verify(chain(-1, s -> s, other)))
        .hasMessageStartingWith("gpu.fwid: report FWID differs");
  }
}
