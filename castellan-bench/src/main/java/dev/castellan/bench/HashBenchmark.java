package dev.castellan.bench;

import dev.castellan.core.hash.HashAlgorithm;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Digest throughput for record-sized inputs: the cost floor under every log append. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class HashBenchmark {
  @Param({"SHA_256", "SHA3_512"})
  public HashAlgorithm algorithm;

  @Param({"64", "4096"})
  public int size;

  private byte[] input;

  @Setup
  public void setup() {
    input = new byte[size];
  }

  @Benchmark
  public byte[] hash() {
    return algorithm.hash(input);
  }
}
