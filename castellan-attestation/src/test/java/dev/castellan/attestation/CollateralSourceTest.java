package dev.castellan.attestation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.snp.SnpVerifier;
import dev.castellan.testkit.Vectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollateralSourceTest {
  @TempDir Path root;

  @Test
  void directory_vcekByChipId_verifiesTheReport() throws Exception {
    byte[] report = Vectors.bytes("attestation/sev-snp/go-sev-guest_attestation.bin");
    String chipId = ByteString.copyOf(report, 0x1A0, 64).hex();
    Path dir = Files.createDirectories(root.resolve("sev_snp").resolve("vcek"));
    Files.write(dir.resolve(chipId), Vectors.bytes("attestation/sev-snp/go-sev-guest_vcek.testcer"));
    AttestationResult result = SnpVerifier.create().verify(Evidence.of(Platform.SEV_SNP, report),
        VerificationRequest.at(Instant.parse("2022-09-24T01:00:00Z"), Freshness.none())
            .withCollateral(CollateralSource.directory(root)));
    assertThat(result.platform()).isEqualTo(Platform.SEV_SNP);
  }

  @Test
  void directory_defaultFileAndSymlinks() throws Exception {
    Path dir = Files.createDirectories(root.resolve("tdx").resolve("tcb-info"));
    Files.write(dir.resolve("default"), new byte[] {1});
    CollateralSource source = CollateralSource.directory(root);
    assertThat(source.find(new CollateralKey(Platform.TDX, "tcb-info", "50806f000000"))).hasValueSatisfying(v -> assertThat(v).containsExactly(1));
    assertThat(source.find(CollateralKey.of(Platform.TDX, "qe-identity"))).isEmpty();
    Files.createSymbolicLink(dir.resolve("linked"), dir.resolve("default"));
    assertThat(source.find(new CollateralKey(Platform.TDX, "tcb-info", "linked")))
        .as("a symbolic link is not followed; the default answers").hasValueSatisfying(v -> assertThat(v).containsExactly(1));
  }

  @Test
  void key_rejectsPathSeparatorsAndDotDot() {
    assertThatThrownBy(() -> new CollateralKey(Platform.TDX, "../etc", "")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CollateralKey(Platform.TDX, "tcb-info", "a/b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CollateralKey(Platform.TDX, "tcb-info", "..")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void memoryAndFirstOf_fallBackInOrder() throws Exception {
    CollateralKey specific = new CollateralKey(Platform.SEV_SNP, "vcek", "abcd");
    CollateralSource generic = CollateralSource.of(Platform.SEV_SNP, "vcek", new byte[] {2});
    CollateralSource exact = CollateralSource.of(Map.of(specific, new byte[] {3}));
    assertThat(CollateralSource.firstOf(exact, generic).find(specific).orElseThrow()).containsExactly(3);
    assertThat(CollateralSource.firstOf(CollateralSource.none(), generic).find(specific).orElseThrow()).containsExactly(2);
    assertThat(CollateralSource.none().find(specific)).isEmpty();
  }
}
