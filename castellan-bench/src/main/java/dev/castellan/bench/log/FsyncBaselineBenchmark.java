package dev.castellan.bench.log;

import dev.castellan.bench.BenchDirectory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The disk's own limits, as baselines for {@link LogAppendBenchmark} in the same run: one
 * {@code fdatasync} per appended record, and group commit (64 records, one write, one
 * {@code fdatasync}). Records are 400 bytes, about a signed record with 256 bytes of data.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class FsyncBaselineBenchmark {
  static final int RECORD_BYTES = 400;
  static final int GROUP = 64;

  private Path dir;
  private FileChannel channel;
  private ByteBuffer one;
  private ByteBuffer group;
  private long position;

  @Setup(Level.Iteration)
  public void open() throws IOException {
    dir = BenchDirectory.create("fsync-baseline");
    channel = FileChannel.open(dir.resolve("records"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    one = ByteBuffer.allocate(RECORD_BYTES);
    group = ByteBuffer.allocate(RECORD_BYTES * GROUP);
    position = 0;
  }

  @TearDown(Level.Iteration)
  public void close() throws IOException {
    channel.close();
    BenchDirectory.delete(dir);
  }

  /** One record, then fdatasync: the rate of a log without group commit. */
  @Benchmark
  public void fdatasyncPerAppend() throws IOException {
    one.clear();
    position += channel.write(one, position);
    channel.force(false);
  }

  /** 64 records in one write, then one fdatasync; the score is records per second. */
  @Benchmark
  @OperationsPerInvocation(GROUP)
  public void groupCommit64() throws IOException {
    group.clear();
    position += channel.write(group, position);
    channel.force(false);
  }
}
