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
 * signature by castellan-core's {@code EcdsaVerifier} (what both verifiers call for the
 * evidence signature) and by the JDK (SunEC, what PKIX uses for P-384 certificate links),
 * and one RSA-4096 RSASSA-PSS verification of the VCEK by the ASK (an SEV-SNP chain link).
 * {@link AttestationBaselines} runs this and adds {@code openssl speed}.
 *
 * <ul>
 *   <li>Nitro: {@code veracruz_aws_nitro_document.cbor} at its timestamp + 30 s, chain cached
 *       ({@link NitroVerifier#create()}) and cold ({@link NitroVerifier#createUncached}: five
 *       certificates parsed and PKIX over them every time).
 *   <li>SEV-SNP: {@code go-sev-guest_attestation.bin} with its VCEK at 2024-01-01, chain cached
 *       ({@link SnpVerifier#create()}: a validated VCEK → ASK → ARK is remembered) and cold
 *       ({@link SnpVerifier#createUncached}: PKIX every time).
 * </ul>
 *
 * <p>This class also measures the chain-link costs and is the input of {@link
 * AttestationBaselines}.
 *
 * <p>Steady state, not first sight: the JDK's X.509 factory returns the same certificate object
 * for the same DER and that object remembers a successful signature check, so PKIX over a
 * chain seen before skips the signature arithmetic. A chain seen for the first time costs its
 * links on top ({@code vcekLinkRsaPss} per SEV-SNP link, {@code p384VerifyJdk} per Nitro link).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class VerificationBenchmark {
  private final NitroVerifier nitro = NitroVerifier.create();
  private final NitroVerifier nitroCold = NitroVerifier.createUncached(TrustAnchors.bundled());
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
  private java.security.PublicKey askKey;
  private java.security.spec.PSSParameterSpec vcekPss;
  private byte[] vcekTbs;
  private byte[] vcekSignature;

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
    X509Certificate ask = TrustAnchors.bundled().intermediates(Platform.SEV_SNP).stream()
        .map(dev.castellan.attestation.PinnedCertificate::certificate)
        .filter(c -> c.getSubjectX500Principal().equals(certificate.getIssuerX500Principal()))
        .findFirst().orElseThrow();
    askKey = ask.getPublicKey();
    java.security.AlgorithmParameters parameters = java.security.AlgorithmParameters.getInstance("RSASSA-PSS");
    parameters.init(certificate.getSigAlgParams());
    vcekPss = parameters.getParameterSpec(java.security.spec.PSSParameterSpec.class);
    vcekTbs = certificate.getTBSCertificate();
    vcekSignature = certificate.getSignature();
    if (!vcekLinkRsaPss()) {
      throw new IllegalStateException("the VCEK is not signed by the bundled ASK");
    }
    // Every benchmark must succeed: a failing verification would measure the error path.
    nitroVerifyChainCached();
    nitroVerifyChainCold();
    snpVerifyChainCached();
    snpVerifyChainCold();
    coreVerifier.verify(signature, signedRegion);
    if (!p384VerifyJdk()) {
      throw new IllegalStateException("the baseline signature does not verify");
    }
  }

  @Benchmark
  public AttestationResult nitroVerifyChainCached() throws AttestationException {
    return nitro.verify(nitroEvidence, nitroRequest);
  }

  @Benchmark
  public AttestationResult nitroVerifyChainCold() throws AttestationException {
    return nitroCold.verify(nitroEvidence, nitroRequest);
  }

  @Benchmark
  public AttestationResult snpVerifyChainCached() throws AttestationException {
    return snpCached.verify(snpEvidence, snpRequest);
  }

  @Benchmark
  public AttestationResult snpVerifyChainCold() throws AttestationException {
    return snpCold.verify(snpEvidence, snpRequest);
  }

  /** One SunEC P-384 verification: what PKIX pays per P-384 certificate link (Nitro). */
  @Benchmark
  public boolean p384VerifyJdk() throws GeneralSecurityException {
    Signature verifier = Signature.getInstance("SHA384withECDSAinP1363Format");
    verifier.initVerify(vcekKey);
    verifier.update(signedRegion);
    return verifier.verify(signature);
  }

  /** The same verification by castellan-core's ECDSA: the evidence signature of both verifiers. */
  @Benchmark
  public byte[] p384VerifyCore() throws GeneralSecurityException {
    coreVerifier.verify(signature, signedRegion);
    return signature;
  }

  /** One RSA-4096 RSASSA-PSS/SHA-384 verification (the ASK's signature on the VCEK), bypassing certificate caches. */
  @Benchmark
  public boolean vcekLinkRsaPss() throws GeneralSecurityException {
    Signature verifier = Signature.getInstance("RSASSA-PSS");
    verifier.setParameter(vcekPss);
    verifier.initVerify(askKey);
    verifier.update(vcekTbs);
    return verifier.verify(vcekSignature);
  }
}
