package dev.castellan.core.internal.signature;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

/**
 * The system's libsecp256k1 (Debian {@code libsecp256k1-1}, from v0.2.0) called through the
 * Foreign Function and Memory API, for BIP-340 signing with a key pair computed once per
 * signer: {@code secp256k1_keypair_create} at construction, then one {@code
 * secp256k1_schnorrsig_sign32} per signature. Bindings that take the secret key on every call
 * re-derive the key pair each time, a second scalar multiplication that halves the rate.
 *
 * <p>The context is randomized once ({@code secp256k1_context_randomize}), as libsecp256k1
 * recommends against side channels, and is only read afterwards, so signing is safe from
 * many threads. Absent library, missing symbols or a JVM without native access: {@link
 * #instance()} is empty and callers fall back.
 */
public final class SystemLibSecp256k1 {
  private static final int SECP256K1_CONTEXT_NONE = 1;
  private static final long KEYPAIR_BYTES = 96;
  private static final Optional<SystemLibSecp256k1> INSTANCE = load();

  private final MemorySegment context;
  private final MethodHandle keypairCreate;
  private final MethodHandle sign32;

  private SystemLibSecp256k1(MemorySegment context, MethodHandle keypairCreate, MethodHandle sign32) {
    this.context = context;
    this.keypairCreate = keypairCreate;
    this.sign32 = sign32;
  }

  /** The library, if it loads here. Disabled by {@code -Dcastellan.secp256k1.pureJava=true}. */
  public static Optional<SystemLibSecp256k1> instance() {
    return INSTANCE;
  }

  private static Optional<SystemLibSecp256k1> load() {
    if (Boolean.getBoolean("castellan.secp256k1.pureJava")) {
      return Optional.empty();
    }
    try {
      SymbolLookup library = lookup();
      Linker linker = Linker.nativeLinker();
      MethodHandle create = linker.downcallHandle(
          library.findOrThrow("secp256k1_context_create"), FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
      MethodHandle randomize = linker.downcallHandle(library.findOrThrow("secp256k1_context_randomize"),
          FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
      MethodHandle keypairCreate = linker.downcallHandle(library.findOrThrow("secp256k1_keypair_create"),
          FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
      MethodHandle sign32 = linker.downcallHandle(library.findOrThrow("secp256k1_schnorrsig_sign32"),
          FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
              ValueLayout.ADDRESS, ValueLayout.ADDRESS));
      MemorySegment context = (MemorySegment) create.invokeExact(SECP256K1_CONTEXT_NONE);
      if (context.equals(MemorySegment.NULL)) {
        return Optional.empty();
      }
      byte[] seed = new byte[32];
      new SecureRandom().nextBytes(seed);
      try (Arena arena = Arena.ofConfined()) {
        MemorySegment seedSegment = arena.allocateFrom(ValueLayout.JAVA_BYTE, seed);
        if ((int) randomize.invokeExact(context, seedSegment) != 1) {
          return Optional.empty();
        }
        seedSegment.fill((byte) 0);
      } finally {
        Arrays.fill(seed, (byte) 0);
      }
      return Optional.of(new SystemLibSecp256k1(context, keypairCreate, sign32));
    } catch (Throwable unavailable) {
      // No library, an old one without schnorrsig, or native access denied: fall back.
      return Optional.empty();
    }
  }

  private static SymbolLookup lookup() {
    try {
      return SymbolLookup.libraryLookup("libsecp256k1.so.1", Arena.global());
    } catch (IllegalArgumentException e) {
      return SymbolLookup.libraryLookup("libsecp256k1.so", Arena.global());
    }
  }

  /**
   * A native key pair for {@code secret32}, kept in memory the garbage collector frees; the
   * caller keeps its own copy of the secret and should wipe it.
   *
   * @throws IllegalArgumentException if libsecp256k1 rejects the key (zero or >= n)
   */
  public Keypair keypair(byte[] secret32) {
    MemorySegment keypair = Arena.ofAuto().allocate(KEYPAIR_BYTES, 16);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment secret = arena.allocateFrom(ValueLayout.JAVA_BYTE, secret32);
      int ok;
      try {
        ok = (int) keypairCreate.invokeExact(context, keypair, secret);
      } finally {
        secret.fill((byte) 0);
      }
      if (ok != 1) {
        throw new IllegalArgumentException("libsecp256k1 rejected the secret key");
      }
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("secp256k1_keypair_create failed", t);
    }
    return new Keypair(keypair);
  }

  /** A key pair inside native memory; see {@link #keypair}. */
  public final class Keypair {
    private final MemorySegment keypair;

    private Keypair(MemorySegment keypair) {
      this.keypair = keypair;
    }

    /** BIP-340 signature of a 32-byte message with the given 32-byte {@code aux_rand}. */
    public byte[] sign(byte[] message32, byte[] auxRand32) {
      if (message32.length != 32 || auxRand32.length != 32) {
        throw new IllegalArgumentException("message and aux_rand must be 32 bytes");
      }
      try (Arena arena = Arena.ofConfined()) {
        MemorySegment signature = arena.allocate(64);
        MemorySegment message = arena.allocateFrom(ValueLayout.JAVA_BYTE, message32);
        MemorySegment aux = arena.allocateFrom(ValueLayout.JAVA_BYTE, auxRand32);
        int ok = (int) sign32.invokeExact(context, signature, message, keypair, aux);
        if (ok != 1) {
          throw new IllegalStateException("secp256k1_schnorrsig_sign32 failed");
        }
        return signature.toArray(ValueLayout.JAVA_BYTE);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable t) {
        throw new IllegalStateException("secp256k1_schnorrsig_sign32 failed", t);
      }
    }
  }
}
