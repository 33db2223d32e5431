package dev.castellan.bench.smt;

import dev.castellan.core.hash.HashAlgorithm;
import dev.castellan.core.smt.SmtProof;
import dev.castellan.core.smt.SparseMerkleTree;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sparse Merkle tree proofs (issue 12) in trees of 10^3 to 10^6 random keys. {@code prove} takes
 * a different present key each call; {@code verify} checks one membership proof, which costs
 * 256 SHA-256 computations whatever the tree's size. The baseline {@code sha256InnerNode} is one
 * such computation (65 bytes, reused digest), measured in the same run, so verify ÷ (256 ×
 * baseline) is the cost of the proof code over its hashing. Set-up prints the build time and the
 * heap in use.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
public class SmtBenchmark {
  private static final long SEED = 20261204L;
  /** Present keys cycled through by {@code prove}; a power of two. */
  private static final int PROBES = 4096;

  /** A tree of {@code leaves} random keys and values, built once per trial. */
  @State(Scope.Benchmark)
  public static class Tree {
    @Param({"1000", "100000", "1000000"})
    public int leaves;

    SparseMerkleTree tree;
    byte[][] probes;
    byte[] root;
    byte[] provenKey;
    byte[] provenValue;
    SmtProof proof;
    int next;

    @Setup(Level.Trial)
    public void build() {
      Random random = new Random(SEED);
      long start = System.nanoTime();
      tree = new SparseMerkleTree();
      probes = new byte[PROBES][];
      for (int i = 0; i < leaves; i++) {
        byte[] key = random32(random);
        byte[] value = random32(random);
        tree.put(key, value);
        if (i < PROBES) {
          probes[i] = key;
        } else if (random.nextInt(leaves) < PROBES) {
          probes[random.nextInt(PROBES)] = key; // spread the probes over the whole tree
        }
        if (i == 0) {
          provenKey = key;
          provenValue = value;
        }
      }
      for (int i = leaves; i < PROBES; i++) {
        probes[i] = probes[i % leaves];
      }
      root = tree.root(); // all hashing happens here, once
      proof = tree.prove(provenKey);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.gc();
      Runtime runtime = Runtime.getRuntime();
      long usedMb = (runtime.totalMemory() - runtime.freeMemory()) >> 20;
      System.out.printf("%n[smt] %d leaves built and hashed in %.1f s, heap in use after GC %d MB,"
          + " proof of %d siblings%n", leaves, seconds, usedMb, proof.siblingCount());
      if (!proof.verifiesMembership(root, provenKey, provenValue)) {
        throw new IllegalStateException("benchmark proof does not verify");
      }
    }
  }

  /** One reused digest and an inner node's 65-byte input, as the tree and the verifier hash. */
  @State(Scope.Thread)
  public static class Block {
    final MessageDigest digest = HashAlgorithm.SHA_256.newDigest();
    final byte[] input = new byte[65];
    final byte[] output = new byte[32];
  }

  @Benchmark
  public SmtProof prove(Tree state) {
    byte[] key = state.probes[state.next++ & (PROBES - 1)];
    return state.tree.prove(key);
  }

  @Benchmark
  public boolean verify(Tree state) {
    return state.proof.verifiesMembership(state.root, state.provenKey, state.provenValue);
  }

  @Benchmark
  public byte[] sha256InnerNode(Block block) throws DigestException {
    block.digest.update(block.input);
    block.digest.digest(block.output, 0, block.output.length);
    return block.output;
  }

  private static byte[] random32(Random random) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return bytes;
  }
}
