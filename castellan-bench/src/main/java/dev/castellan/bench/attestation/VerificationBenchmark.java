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
import dev.castellan.core.signature.EcdsaPublicKey;
import dev.castellan.core.signature.EcdsaSignatureEncoding;
import dev.castellan.core.signature.EcdsaVerifier;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Arrays;
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
 * Verifications per second of real evidence from {@code shared/vectors/attestation}, with the
 * same run's floor: one bare ECDSA P-384/SHA-384 verification of the same SEV-SNP report
 * signature, by the JDK (SunEC, what {@code SnpVerifier} calls) and by castellan-core's {@code
 * EcdsaVerifier}. {@link AttestationBaselines} runs this and adds {@code openssl speed}.
 *
 * <ul>
 *   <li>Nitro: {@code veracruz_aws_nitro_document.cbor} at its timestamp + 30 s. {@code
 *       NitroVerifier} keeps no chain cache: every verification parses the document and
 *       validates the 4-certificate chain with PKIX (leaf keys change every 3 hours, so a
 *       cache would mostly hold the CA part).
 *   <li>SEV-SNP: {@code go-sev-guest_attestation.bin} with its VCEK at 2024-01-01, chain cached
 *       ({@link SnpVerifier#create()}, the VCEK → ASK → ARK result is remembered) and cold
 *       ({@link SnpVerifier#createUncached}, PKIX with two RSA-4096 PSS verifications every time).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class VerificationBenchmark {
  private final NitroVerifier nitro = NitroVerifier.create();
  private final SnpVerifier snpCached = SnpVerifier.create();
  private final SnpVerifier snpCold = SnpVerifier.createUncached(TrustAnchors.bundled());
  private Evidence nitroEvidence;
  private VerificationRequest nitroRequest;
  private Evidence snpEvidence;
  private VerificationRequest snpRequest;
  private ECPublicKey vcekKey;
  private EcdsaVerifier coreVerifier;
  private byte[] signedRegion;
  private byte[] signature;

  @Setup
  public void setup() throws Exception {
    Path dir = BenchVectors.root().resolve("attestation");
    nitroEvidence = Evidence.of(Platform.NITRO, Files.readAllBytes(dir.resolve("nitro/veracruz_aws_nitro_document.cbor")));
    nitroRequest = VerificationRequest.at(Instant.parse("2022-11-09T22:52:30Z"), Freshness.none());
    byte[] report = Files.readAllBytes(dir.resolve("sev-snp/go-sev-guest_attestation.bin"));
    byte[] vcek = Files.readAllBytes(dir.resolve("sev-snp/go-sev-guest_vcek.testcer"));
    snpEvidence = Evidence.of(Platform.SEV_SNP, report);
    snpRequest = VerificationRequest.at(Instant.parse("2024-01-01T00:00:00Z"), Freshness.none())
        .withCollateral(CollateralSource.of(Platform.SEV_SNP, "vcek", vcek));
    X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(vcek));
    vcekKey = (ECPublicKey) certificate.getPublicKey();
    coreVerifier = EcdsaVerifier.create(EcdsaPublicKey.fromJca(vcekKey), EcdsaSignatureEncoding.IEEE_P1363);
    // Signed region 0x000-0x29F; R and S are 72-byte little-endian fields at 0x2A0 and 0x2E8.
    signedRegion = Arrays.copyOfRange(report, 0, 0x2A0);
    signature = new byte[96];
    for (int i = 0; i < 48; i++) {
      signature[47 - i] = report[0x2A0 + i];
      signature[95 - i] = report[0x2E8 + i];
    }
    // Every benchmark must succeed: a failing verification would measure the error path.
    nitroVerify();
    snpVerifyChainCached();
    snpVerifyChainCold();
    coreVerifier.verify(signature, signedRegion);
    if (!p384VerifyJdk()) {
      throw new IllegalStateException("the baseline signature does not verify");
    }
  }

  @Benchmark
  public AttestationResult nitroVerify() throws AttestationException {
    return nitro.verify(nitroEvidence, nitroRequest);
  }

  @Benchmark
  public AttestationResult snpVerifyChainCached() throws AttestationException {
    return snpCached.verify(snpEvidence, snpRequest);
  }

  @Benchmark
  public AttestationResult snpVerifyChainCold() throws AttestationException {
    return snpCold.verify(snpEvidence, snpRequest);
  }

  /** The floor under the SEV-SNP verifier: one SunEC P-384 verification. */
  @Benchmark
  public boolean p384VerifyJdk() throws GeneralSecurityException {
    Signature verifier = Signature.getInstance("SHA384withECDSAinP1363Format");
    verifier.initVerify(vcekKey);
    verifier.update(signedRegion);
    return verifier.verify(signature);
  }

  /** The same verification by castellan-core's ECDSA (the COSE/Nitro envelope path). */
  @Benchmark
  public byte[] p384VerifyCore() throws GeneralSecurityException {
    coreVerifier.verify(signature, signedRegion);
    return signature;
  }
}
