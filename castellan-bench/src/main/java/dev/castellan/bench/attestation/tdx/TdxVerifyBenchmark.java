package dev.castellan.bench.attestation.tdx;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.AttestationResult;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.TrustAnchors;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.attestation.tdx.SimulatedTdxQuoteFactory;
import dev.castellan.attestation.tdx.TdxException;
import dev.castellan.attestation.tdx.TdxQuote;
import dev.castellan.attestation.tdx.TdxVerifier;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
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
 * TDX quote verification cost: parsing alone, the collateral-free checks (PCK chain, QE report
 * signature, QE binding, quote signature), and the full path with TCB Info and QE Identity.
 * Uses a simulated quote (same format and code path as a real one, P-256 throughout).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class TdxVerifyBenchmark {
  private byte[] quote;
  private Evidence evidence;
  private TdxVerifier verifier;
  private VerificationRequest bare;
  private VerificationRequest withCollateral;

  @Setup
  public void setup() throws Exception {
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    SimulatedTdxQuoteFactory factory =
        SimulatedTdxQuoteFactory.create(new SecureRandom(), start, Duration.ofDays(3650));
    quote = factory.quote(
        SimulatedTdxQuoteFactory.TdFields.of(new byte[48], new byte[64]));
    evidence = Evidence.of(Platform.TDX, quote);
    verifier = TdxVerifier.create(TrustAnchors.of(factory.root()));
    Instant at = start.plus(Duration.ofDays(30));
    bare = VerificationRequest.at(at, Freshness.none());
    withCollateral = bare.withCollateral(factory.collateral(start, Duration.ofDays(365)).toSource());
  }

  @Benchmark
  public TdxQuote parse() throws TdxException {
    return TdxQuote.parse(quote);
  }

  @Benchmark
  public AttestationResult verifySignatures() throws AttestationException {
    return verifier.verify(evidence, bare);
  }

  @Benchmark
  public AttestationResult verifyWithCollateral() throws AttestationException {
    return verifier.verify(evidence, withCollateral);
  }
}
