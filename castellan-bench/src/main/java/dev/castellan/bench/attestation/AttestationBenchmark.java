package dev.castellan.bench.attestation;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.AttestationResult;
import dev.castellan.attestation.CollateralSource;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.TrustAnchors;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.attestation.nitro.NitroVerifier;
import dev.castellan.attestation.snp.SnpVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Verification throughput of real evidence (shared/vectors/attestation): an SEV-SNP report
 * with its VCEK and a Nitro document, each with the chain cached and cold (validated every time),
 * and, as the same-run baselines, one bare ECDSA P-384/SHA-384 verification of the SNP report
 * signature with core's verifier (BouncyCastle, what the verifiers use) and with SunEC. Find the vectors with {@code -Dcastellan.vectors=DIR}, else {@code
 * shared/vectors} beside the working directory or one of its parents.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class AttestationBenchmark {
  private final SnpVerifier snpCached = SnpVerifier.create();
  private final SnpVerifier snpCold = SnpVerifier.createUncached(TrustAnchors.bundled());
  private final NitroVerifier nitro = NitroVerifier.create();
  private final NitroVerifier nitroCold = NitroVerifier.createUncached(TrustAnchors.bundled());
  private Evidence snpEvidence;
  private VerificationRequest snpRequest;
  private Evidence nitroEvidence;
  private VerificationRequest nitroRequest;
  private PublicKey vcekKey;
  private byte[] signedRegion;
  private byte[] p1363Signature;
  private dev.castellan.core.signature.EcdsaVerifier coreVerifier;

  @Setup
  public void setup() throws Exception {
    Path dir = vectors().resolve("attestation");
    byte[] report = HexFormat.of().parseHex(Files.readString(dir.resolve("sev-snp/virtee-sev_report_milan.hex")).strip());
    byte[] vcek = Files.readAllBytes(dir.resolve("sev-snp/virtee-sev_vcek_milan.der"));
    snpEvidence = Evidence.of(Platform.SEV_SNP, report);
    snpRequest = VerificationRequest.at(Instant.parse("2024-01-01T00:00:00Z"), Freshness.none())
        .withCollateral(CollateralSource.of(Platform.SEV_SNP, "vcek", vcek));
    nitroEvidence = Evidence.of(Platform.NITRO, Files.readAllBytes(dir.resolve("nitro/veracruz_aws_nitro_document.cbor")));
    nitroRequest = VerificationRequest.at(Instant.ofEpochMilli(1668034320696L).plusSeconds(30), Freshness.none());
    X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new java.io.ByteArrayInputStream(vcek));
    vcekKey = KeyFactory.getInstance("EC").generatePublic(new java.security.spec.X509EncodedKeySpec(cert.getPublicKey().getEncoded()));
    signedRegion = Arrays.copyOfRange(report, 0, 0x2A0);
    p1363Signature = new byte[96];
    for (int i = 0; i < 48; i++) {
      p1363Signature[47 - i] = report[0x2A0 + i];
      p1363Signature[95 - i] = report[0x2E8 + i];
    }
    coreVerifier = dev.castellan.core.signature.EcdsaVerifier.create(
        dev.castellan.core.signature.EcdsaPublicKey.fromJca((java.security.interfaces.ECPublicKey) vcekKey),
        dev.castellan.core.signature.EcdsaSignatureEncoding.IEEE_P1363);
    snpCached.verify(snpEvidence, snpRequest);
    nitro.verify(nitroEvidence, nitroRequest);
    if (!p384Baseline()) {
      throw new IllegalStateException("baseline signature does not verify");
    }
  }

  private static Path vectors() throws IOException {
    String configured = System.getProperty("castellan.vectors", "");
    if (!configured.isBlank()) {
      return Path.of(configured);
    }
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path candidate = d.resolveSibling("shared").resolve("vectors");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IOException("shared/vectors not found: pass -Dcastellan.vectors=DIR");
  }

  @Benchmark
  public AttestationResult snpVerifyChainCached() throws AttestationException {
    return snpCached.verify(snpEvidence, snpRequest);
  }

  @Benchmark
  public AttestationResult snpVerifyChainCold() throws AttestationException {
    return snpCold.verify(snpEvidence, snpRequest);
  }

  @Benchmark
  public AttestationResult nitroVerifyChainCached() throws AttestationException {
    return nitro.verify(nitroEvidence, nitroRequest);
  }

  @Benchmark
  public AttestationResult nitroVerifyChainCold() throws AttestationException {
    return nitroCold.verify(nitroEvidence, nitroRequest);
  }

  /** One ECDSA P-384 verification through core's EcdsaVerifier (BouncyCastle), as the verifiers do. */
  @Benchmark
  public boolean p384BaselineCore() throws GeneralSecurityException {
    coreVerifier.verify(p1363Signature, signedRegion);
    return true;
  }

  /** One ECDSA P-384 verification with the JDK's SunEC, for comparison. */
  @Benchmark
  public boolean p384Baseline() throws GeneralSecurityException {
    Signature verifier = Signature.getInstance("SHA384withECDSAinP1363Format");
    verifier.initVerify(vcekKey);
    verifier.update(signedRegion);
    return verifier.verify(p1363Signature);
  }
}
