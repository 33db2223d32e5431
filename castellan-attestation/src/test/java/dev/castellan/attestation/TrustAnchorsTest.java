package dev.castellan.attestation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.attestation.internal.Pkix;
import dev.castellan.core.bytes.Hex;
import dev.castellan.testkit.Vectors;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrustAnchorsTest {
  /** The fingerprints published in the attestation vectors README (and by AWS for G1). */
  private static final Map<String, String> PINS =
      Map.of(
          "aws-nitro-enclaves-root-g1", "641a0321a3e244efe456463195d606317ed7cdcc3c1756e09893f3c68f79bb5b",
          "amd-ark-milan", "69d063b45344d26a2e94e1f4210de49ef555308287d4c174445c95639a540bcd",
          "amd-ark-genoa", "4c6598d19c18719c5dfd4a7d335f674e5bfe1d8f800cea2cf270c10d103db2f1",
          "amd-ark-turin", "1f084161a44bb6d93778a904877d4819cafa5d05ef4193b2ded9dd9c73dd3f6a",
          "intel-sgx-root-ca", "44a0196b2b99f889b8e149e95b807a350e7424964399e885a7cbb8ccfab674d3",
          "google-gce-vtpm-ek-root-1", "9bd5285f8fb18502a7947e621ffd470266f49fcd3b73e19a190f690ad32a7caf",
          "nvidia-device-identity-ca", "102bf659d5419614c9d8e6aecebc80454eb26b1df6a769ac720b9a690b167b48");

  @Test
  void bundled_eachRootFile_matchesItsPublishedPin() {
    TrustAnchors anchors = TrustAnchors.bundled();
    PINS.forEach(
        (name, pin) -> {
          PinnedCertificate cert = anchors.byName(name).orElseThrow();
          assertThat(cert.root()).isTrue();
          assertThat(cert.simulated()).isFalse();
          assertThat(Hex.encode(Pkix.sha256(cert.certificate()))).as(name).isEqualTo(pin);
        });
    assertThat(anchors.roots(Platform.SEV_SNP)).hasSize(3);
    assertThat(anchors.intermediates(Platform.SEV_SNP)).hasSize(6);
  }

  @Test
  void bundled_intermediates_matchReadmePrefixes() {
    Map<String, String[]> prefixes =
        Map.of(
            "amd-ask-milan", new String[] {"67d303bd", "0bac1b"},
            "amd-ask-genoa", new String[] {"5464738c", "828521"},
            "amd-ask-turin", new String[] {"5b77ef5f", "3b3185"},
            "amd-asvk-milan", new String[] {"c5e081f5", "9082f5"},
            "amd-asvk-genoa", new String[] {"197e6107", "457372"},
            "amd-asvk-turin", new String[] {"104e10a8", "df1a3c"});
    prefixes.forEach(
        (name, ends) -> {
          String hex = TrustAnchors.bundled().byName(name).orElseThrow().sha256().hex();
          assertThat(hex).as(name).startsWith(ends[0]).endsWith(ends[1]);
        });
  }

  @Test
  void bundled_nitroRoot_isByteIdenticalToVectorFile() throws Exception {
    var fromVectors =
        Pkix.parsePem(Vectors.text("attestation/nitro/aws-nitro-enclaves-root-G1.pem"), "t").getFirst();
    assertThat(TrustAnchors.bundled().matchRoot(Platform.NITRO, fromVectors)).isPresent();
    assertThat(TrustAnchors.bundled().matchRoot(Platform.SEV_SNP, fromVectors)).isEmpty();
  }

  @Test
  void bundled_nvidiaRoot_isByteIdenticalToVectorFile() throws Exception {
    var fromVectors = Pkix.parsePem(Vectors.text("gpu/nvidia/nvidia_device_root.pem"), "t").getFirst();
    assertThat(TrustAnchors.bundled().matchRoot(Platform.GPU, fromVectors)).isPresent();
    assertThat(TrustAnchors.bundled().roots(Platform.GPU)).hasSize(1);
  }
}
