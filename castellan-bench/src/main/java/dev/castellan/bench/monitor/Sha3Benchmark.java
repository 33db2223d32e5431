package dev.castellan.bench.monitor;

import dev.castellan.bench.BenchDirectory;
import dev.castellan.core.bytes.Hex;
import dev.castellan.core.hash.HashAlgorithm;
import dev.castellan.runtime.monitor.FileHasher;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.digests.SHA3Digest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SHA-3-512 of a 64 MiB file with a warm page cache, in MiB/s (one operation = one MiB):
 *
 * <ul>
 *   <li>{@code monitor}: the monitor's {@link FileHasher} (BouncyCastle's SHA3Digest, chosen
 *       from these candidates);
 *   <li>{@code jdk}: the JDK's {@code SHA3-512} MessageDigest fed from a heap array;
 *   <li>{@code jdk-direct}: the same fed a direct buffer ({@code update(ByteBuffer)});
 *   <li>{@code bouncycastle}: BouncyCastle's {@code SHA3Digest(512)} fed from a heap array, the
 *       monitor's code without its wrapper;
 *   <li>{@code openssl}: {@code openssl dgst -sha3-512} on the same file, a subprocess per
 *       operation (its start-up, a few ms, is in the time: it is what a script pays too).
 * </ul>
 *
 * Every candidate's digest is checked against the JDK's digest of the bytes in memory before
 * measuring. Where openssl is absent its setup fails with "openssl: not run".
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class Sha3Benchmark {
  static final int FILE_MIB = 64;
  private static final int BUFFER = 256 * 1024;

  @Param({"monitor", "jdk", "jdk-direct", "bouncycastle", "openssl"})
  public String implementation;

  private Path dir;
  private Path file;
  private final FileHasher hasher = new FileHasher();
  private final MessageDigest jdk = HashAlgorithm.SHA3_512.newDigest();
  private final SHA3Digest bouncyCastle = new SHA3Digest(512);
  private final byte[] heap = new byte[BUFFER];
  private final ByteBuffer direct = ByteBuffer.allocateDirect(BUFFER);

  @Setup(Level.Trial)
  public void setup() throws Exception {
    dir = BenchDirectory.create("sha3-bench");
    file = dir.resolve("input.bin");
    byte[] chunk = new byte[1 << 20];
    Random random = new Random(13);
    MessageDigest expected = HashAlgorithm.SHA3_512.newDigest();
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int i = 0; i < FILE_MIB; i++) {
        random.nextBytes(chunk);
        out.write(chunk);
        expected.update(chunk);
      }
    }
    String want = Hex.encode(expected.digest());
    if (implementation.equals("openssl") && !opensslPresent()) {
      System.out.println("openssl: not run (no openssl on the PATH)");
      throw new IllegalStateException("openssl: not run");
    }
    String got = Hex.encode(hash()); // also warms the page cache
    if (!got.equals(want)) {
      throw new IllegalStateException(implementation + " computed " + got + ", expected " + want);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    BenchDirectory.delete(dir);
  }

  @Benchmark
  @OperationsPerInvocation(FILE_MIB)
  public byte[] hash() throws Exception {
    return switch (implementation) {
      case "monitor" -> hasher.digest(file);
      case "jdk" -> jdkHeap();
      case "jdk-direct" -> jdkDirect();
      case "bouncycastle" -> bouncyCastle();
      case "openssl" -> openssl();
      default -> throw new IllegalArgumentException(implementation);
    };
  }

  private byte[] jdkHeap() throws IOException {
    jdk.reset();
    readChunks((chunk, length) -> jdk.update(chunk, 0, length));
    return jdk.digest();
  }

  private byte[] jdkDirect() throws IOException {
    jdk.reset();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      while (channel.read(direct.clear()) >= 0) {
        jdk.update(direct.flip());
      }
    }
    return jdk.digest();
  }

  private byte[] bouncyCastle() throws IOException {
    bouncyCastle.reset();
    readChunks((chunk, length) -> bouncyCastle.update(chunk, 0, length));
    byte[] out = new byte[64];
    bouncyCastle.doFinal(out, 0);
    return out;
  }

  private interface ChunkConsumer {
    void accept(byte[] chunk, int length);
  }

  /** The file through the heap buffer, one chunk at a time. */
  private void readChunks(ChunkConsumer consumer) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buffer = ByteBuffer.wrap(heap);
      int n;
      while ((n = channel.read(buffer.clear())) >= 0) {
        consumer.accept(heap, n);
      }
    }
  }

  private byte[] openssl() throws IOException, InterruptedException {
    Process process = new ProcessBuilder("openssl", "dgst", "-sha3-512", "-r", file.toString())
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    if (process.waitFor() != 0) {
      throw new IOException("openssl failed: " + output.strip());
    }
    return Hex.decode(output.substring(0, 128));
  }

  private static boolean opensslPresent() {
    try {
      return new ProcessBuilder("openssl", "version").redirectErrorStream(true).start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
