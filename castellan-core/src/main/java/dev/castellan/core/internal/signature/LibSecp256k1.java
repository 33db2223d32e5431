package dev.castellan.core.internal.signature;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Optional;

/**
 * The optional native fast path: libsecp256k1 (bitcoin-core, constant-time) through ACINQ's
 * JNI binding {@code fr.acinq.secp256k1:secp256k1-kmp-jni-jvm-linux}, which bundles the
 * shared library for linux x86-64 and aarch64.
 *
 * <p>It is found reflectively on the class path: the binding's jars split one package across
 * two jars, so they cannot be named modules and {@code module-info} cannot require them. When
 * the jars are absent, the platform has no bundled library, or loading fails for any reason,
 * {@link #instance()} is empty and callers use the pure-Java implementation, which the tests
 * check against this one byte for byte. The system property {@code
 * castellan.secp256k1.pureJava=true} disables the native path (read once, at class load).
 */
public final class LibSecp256k1 {
  private static final Optional<LibSecp256k1> INSTANCE = load();

  private final MethodHandle signSchnorr; // (data32, secret32, auxRand32) -> signature64
  private final MethodHandle verifySchnorr; // (signature64, data32, xOnly32) -> boolean
  private final MethodHandle signEcdsa; // (digest32, secret32, extraEntropy) -> compact64

  private LibSecp256k1(MethodHandle signSchnorr, MethodHandle verifySchnorr, MethodHandle signEcdsa) {
    this.signSchnorr = signSchnorr;
    this.verifySchnorr = verifySchnorr;
    this.signEcdsa = signEcdsa;
  }

  /** The loaded library, or empty when it is not usable here. */
  public static Optional<LibSecp256k1> instance() {
    return INSTANCE;
  }

  private static Optional<LibSecp256k1> load() {
    if (Boolean.getBoolean("castellan.secp256k1.pureJava")) {
      return Optional.empty();
    }
    try {
      Class<?> api = Class.forName("fr.acinq.secp256k1.Secp256k1", true,
          LibSecp256k1.class.getClassLoader());
      Object lib = api.getMethod("get").invoke(null);
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      MethodHandle sign = lookup.findVirtual(api, "signSchnorr",
          MethodType.methodType(byte[].class, byte[].class, byte[].class, byte[].class)).bindTo(lib);
      MethodHandle verify = lookup.findVirtual(api, "verifySchnorr",
          MethodType.methodType(boolean.class, byte[].class, byte[].class, byte[].class)).bindTo(lib);
      MethodHandle ecdsa = lookup.findVirtual(api, "sign",
          MethodType.methodType(byte[].class, byte[].class, byte[].class, byte[].class)).bindTo(lib);
      return Optional.of(new LibSecp256k1(sign, verify, ecdsa));
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** BIP-340 signature of a 32-byte message. */
  public byte[] signSchnorr(byte[] message32, byte[] secret32, byte[] auxRand32) {
    try {
      return (byte[]) signSchnorr.invokeExact(message32, secret32, auxRand32);
    } catch (Throwable t) {
      throw new IllegalStateException("libsecp256k1 BIP-340 signing failed", null);
    }
  }

  /**
   * ECDSA signature of a 32-byte digest in compact form {@code r || s}: RFC 6979 nonce
   * (no extra entropy), low S; the same bytes as the pure-Java signer.
   */
  public byte[] signEcdsa(byte[] digest32, byte[] secret32) {
    try {
      return (byte[]) signEcdsa.invokeExact(digest32, secret32, (byte[]) null);
    } catch (Throwable t) {
      throw new IllegalStateException("libsecp256k1 ECDSA signing failed", null);
    }
  }

  /** BIP-340 verification of a 64-byte signature of a 32-byte message. */
  public boolean verifySchnorr(byte[] signature64, byte[] message32, byte[] xOnly32) {
    try {
      return (boolean) verifySchnorr.invokeExact(signature64, message32, xOnly32);
    } catch (Throwable t) {
      return false; // the binding throws on malformed input: that is a failed verification
    }
  }
}
