package dev.castellan.bench.cbor;

import dev.castellan.core.cbor.CborValue;
import dev.castellan.core.ipld.Cid;
import dev.castellan.core.ipld.DagCbor;
import dev.castellan.core.ipld.IpldException;
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

/** The content address of a signed log record: DAG-CBOR encode plus SHA-256 (the CID's cost). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class DagCborBenchmark {
  private CborValue record;
  private byte[] block;

  @Setup
  public void setup() throws IpldException {
    record = CborBenchmark.record();
    block = DagCbor.encode(record);
  }

  @Benchmark
  public Cid cidOfRecord() throws IpldException {
    return DagCbor.cid(record);
  }

  @Benchmark
  public CborValue decodeRecord() throws IpldException {
    return DagCbor.decode(block);
  }
}
