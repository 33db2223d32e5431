package dev.castellan.cli.attest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.CollateralKey;
import dev.castellan.attestation.PinnedCertificate;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.TrustAnchors;
import dev.castellan.testkit.Vectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Collateral recognised by content and chosen by the verification time. */
class CollateralDirectoryTest {
  private static final String TDX = "attestation/tdx/collateral/";
  private static final TrustAnchors ANCHORS = TrustAnchors.bundled();
  private static final CollateralKey QE_IDENTITY = CollateralKey.of(Platform.TDX, "qe-identity");

  @TempDir Path temp;

  @Test
  void load_vectorFolder_choosesTheQeIdentityValidAtTheTime() throws Exception {
    Path dir = Vectors.path("attestation/tdx/collateral");
    CollateralDirectory at2023 = CollateralDirectory.load(dir, Instant.parse("2023-07-01T00:00:00Z"), ANCHORS);
    assertThat(at2023.source().find(QE_IDENTITY)).hasValueSatisfying(
        v -> assertThat(v).isEqualTo(Vectors.bytes(TDX + "go-tdx-guest_sample_qeIdentity_response")));
    CollateralDirectory at2025 = CollateralDirectory.load(dir, Instant.parse("2025-11-01T00:00:00Z"), ANCHORS);
    assertThat(at2025.source().find(QE_IDENTITY)).hasValueSatisfying(
        v -> assertThat(v).isEqualTo(Vectors.bytes(TDX + "trustee_enclaveIdentity.json")));
    assertThat(at2023.ignored()).isEmpty();
  }

  @Test
  void load_vectorFolder_keysTcbInfoByLowerCaseFmspc() throws Exception {
    CollateralDirectory loaded = CollateralDirectory.load(Vectors.path("attestation/tdx/collateral"), Instant.now(), ANCHORS);
    for (String fmspc : new String[] {"50806f000000", "90c06f000000", "00a06d080000"}) {
      assertThat(loaded.source().find(new CollateralKey(Platform.TDX, "tcb-info", fmspc))).as(fmspc).isPresent();
    }
    assertThat(loaded.source().find(CollateralKey.of(Platform.TDX, "tcb-info"))).isEmpty();
    assertThat(loaded.source().find(CollateralKey.of(Platform.TDX, "tcb-signing-chain"))).isPresent();
    assertThat(loaded.source().find(CollateralKey.of(Platform.TDX, "root-crl"))).isPresent();
    assertThat(loaded.source().find(CollateralKey.of(Platform.TDX, "pck-crl"))).isPresent();
  }

  @Test
  void load_vcekUnderAnyName_isFoundByItsChipId() throws Exception {
    Files.write(temp.resolve("x"), Vectors.bytes("attestation/sev-snp/go-sev-guest_vcek.testcer"));
    CollateralDirectory loaded = CollateralDirectory.load(temp, Instant.now(), ANCHORS);
    String chipId = "3ac3fe21e13fb0990eb28a802e3fb6a29483a6b0753590c951bdd3b8e53786184ca39e359669a2b76a1936776b564ea464cdce40c05f63c9b610c5068b006b5d";
    assertThat(loaded.source().find(new CollateralKey(Platform.SEV_SNP, "vcek", chipId))).isPresent();
    assertThat(loaded.recognised()).containsExactly("SEV-SNP VCEK (x)");
  }

  @Test
  void load_symbolicLinksAndForeignFiles_areNotCollateral() throws Exception {
    Path outside = Files.write(temp.resolve("outside.der"), Vectors.bytes("attestation/sev-snp/go-sev-guest_vcek.testcer"));
    Path dir = Files.createDirectory(temp.resolve("dir"));
    Files.createSymbolicLink(dir.resolve("link"), outside);
    Files.writeString(dir.resolve("notes.txt"), "hello");
    Files.write(dir.resolve("tls.der"), Vectors.bytes("attestation/nitro/evervault_valid-certificate.der"));
    CollateralDirectory loaded = CollateralDirectory.load(dir, Instant.now(), ANCHORS);
    assertThat(loaded.source().find(CollateralKey.of(Platform.SEV_SNP, "vcek"))).isEmpty();
    assertThat(loaded.ignored()).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder("notes.txt", "tls.der");
  }

  @Test
  void load_missingDirectory_throws() {
    assertThatThrownBy(() -> CollateralDirectory.load(temp.resolve("absent"), Instant.now(), ANCHORS))
        .isInstanceOf(dev.castellan.cli.FileException.class)
        .hasMessage("collateral directory " + temp.resolve("absent") + ": does not exist");
  }

  @Test
  void load_crlIssuedByAPinnedAmdRoot_isFiledUnderThatRootsName() throws Exception {
    java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
    generator.initialize(new java.security.spec.ECGenParameterSpec("secp384r1"));
    java.security.KeyPair keys = generator.generateKeyPair();
    var name = new org.bouncycastle.asn1.x500.X500Name("CN=ARK-Test");
    var signer = new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA384withECDSA").build(keys.getPrivate());
    java.util.Date now = new java.util.Date();
    java.util.Date later = new java.util.Date(now.getTime() + 86_400_000L);
    java.security.cert.X509Certificate ark = new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(
        new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(name, java.math.BigInteger.ONE, now, later, name,
            keys.getPublic()).addExtension(org.bouncycastle.asn1.x509.Extension.basicConstraints, true,
            new org.bouncycastle.asn1.x509.BasicConstraints(true)).build(signer));
    byte[] crl = new org.bouncycastle.cert.X509v2CRLBuilder(name, now).setNextUpdate(later).build(signer).getEncoded();
    Files.write(temp.resolve("kds-crl"), crl);
    TrustAnchors anchors = TrustAnchors.of(PinnedCertificate.simulatedRoot("test-ark", Platform.SEV_SNP, ark));
    CollateralDirectory loaded = CollateralDirectory.load(temp, Instant.now(), anchors);
    assertThat(loaded.source().find(new CollateralKey(Platform.SEV_SNP, "crl", "test-ark"))).hasValue(crl);
    assertThat(CollateralDirectory.load(temp, Instant.now(), ANCHORS).ignored()).hasSize(1);
  }

  @Test
  void load_tcbInfoWithAMalformedFmspc_isNotCollateral() throws Exception {
    Files.writeString(temp.resolve("t.json"), "{\"tcbInfo\": {\"id\": \"TDX\", \"fmspc\": \"../../x\"}}");
    assertThat(CollateralDirectory.load(temp, Instant.now(), ANCHORS).ignored()).hasSize(1);
  }
}
