package dev.castellan.testkit;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * SoftHSM2 tokens for tests, each created by the test that uses it ({@code softhsm2-util
 * --init-token --free}) with its own label and random PINs, so tests stay independent.
 *
 * <p>SoftHSM reads {@code SOFTHSM2_CONF} from the environment when a process first initializes
 * it, and a JVM cannot change its own environment: the modules whose tests use tokens set it
 * in their Surefire configuration to {@code target/softhsm2/softhsm2.conf}. This class writes
 * that file (its token directory beside it) and, once per JVM, empties the token directory of
 * earlier runs, but only for a configuration it wrote itself (marked by its first line): a
 * {@code SOFTHSM2_CONF} pointing at a real configuration is used as it is and never touched.
 * Tests skip with the reason where SoftHSM2 or that variable is missing. A test must close
 * the tokens it opened before it (or the next test) creates another: see {@link #finalizeModule}.
 */
public final class SoftHsm {
  /** Debian's softhsm2 package puts the module here. */
  public static final Path MODULE = Path.of("/usr/lib/softhsm/libsofthsm2.so");
  private static final String MARKER = "# written by castellan-testkit SoftHsm: tokens of test runs, deleted at the next run";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static boolean prepared;

  private SoftHsm() {}

  /** A token: its label, user PIN, security officer PIN and a file holding the user PIN. */
  public record Token(String label, String pin, String soPin, Path pinFile) {
    /** {@code pkcs11:token=LABEL;PATH?module-path=...&pin-source=file:PINFILE} ({@code path} may be empty). */
    public String uri(String path) {
      return "pkcs11:token=" + label + (path.isEmpty() ? "" : ";" + path) + "?module-path=" + MODULE
          + "&pin-source=file:" + pinFile;
    }

    /** The URI without any PIN. */
    public String uriWithoutPin(String path) {
      return "pkcs11:token=" + label + (path.isEmpty() ? "" : ";" + path) + "?module-path=" + MODULE;
    }

    @Override
    public String toString() {
      return "Token[" + label + ", PINs redacted]";
    }
  }

  /**
   * A new token labelled {@code prefix} plus random hex (at most 32 characters), its PIN file
   * (mode 600) in {@code dir}. Aborts the test where SoftHSM2 is not usable.
   */
  public static Token createToken(String prefix, Path dir) throws IOException, InterruptedException {
    prepare();
    String label = (prefix + "-" + hex(6));
    if (label.length() > 32) {
      throw new IllegalArgumentException("token label prefix too long: " + prefix);
    }
    String pin = digits(8);
    String soPin = digits(8);
    run(List.of("softhsm2-util", "--init-token", "--free", "--label", label, "--so-pin", soPin, "--pin", pin));
    finalizeModule();
    Path pinFile = dir.resolve(label + ".pin");
    Files.writeString(pinFile, pin + "\n", StandardCharsets.US_ASCII);
    Files.setPosixFilePermissions(pinFile, PosixFilePermissions.fromString("rw-------"));
    return new Token(label, pin, soPin, pinFile);
  }

  /** The configuration file, written (and its token directory emptied) on first use. */
  static synchronized Path prepare() throws IOException {
    Assumptions.assumeTrue(Files.isRegularFile(MODULE), "SoftHSM2 is not installed (apt-get install softhsm2): no " + MODULE);
    String variable = System.getenv("SOFTHSM2_CONF");
    Assumptions.assumeTrue(variable != null && !variable.isBlank(),
        "SOFTHSM2_CONF is not set: run the test through Maven (the module's Surefire sets it to target/softhsm2/softhsm2.conf)");
    Path config = Path.of(variable).toAbsolutePath();
    Path tokens = config.resolveSibling("tokens");
    if (prepared) {
      return config;
    }
    boolean ours = !Files.exists(config) || Files.readString(config, StandardCharsets.UTF_8).startsWith(MARKER);
    if (ours) {
      if (Files.isDirectory(tokens)) {
        try (Stream<Path> old = Files.walk(tokens)) {
          for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(path);
          }
        }
      }
      Files.createDirectories(tokens);
      Files.writeString(config, MARKER + "\ndirectories.tokendir = " + tokens + "\nobjectstore.backend = file\n"
          + "log.level = ERROR\nslots.removable = false\n", StandardCharsets.UTF_8);
    }
    prepared = true;
    return config;
  }

  /** Runs a SoftHSM or OpenSC tool (with this JVM's SOFTHSM2_CONF); its combined output. */
  public static String run(List<String> command) throws IOException, InterruptedException {
    OpenSsl.Result result = runAllowingFailure(command);
    if (result.exitCode() != 0) {
      throw new IOException(command.getFirst() + " failed (exit " + result.exitCode() + "): " + result.output());
    }
    return result.output();
  }

  /** Runs {@code command}, returning its exit code and output whatever the exit code. */
  public static OpenSsl.Result runAllowingFailure(List<String> command) throws IOException, InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      Assumptions.abort(command.getFirst() + " is not installed (apt-get install softhsm2 opensc): " + e.getMessage());
      throw e;
    }
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException(command.getFirst() + " timed out");
    }
    return new OpenSsl.Result(process.exitValue(), output);
  }

  /**
   * SoftHSM reads its token directory in {@code C_Initialize} only, so a token that
   * softhsm2-util created after this JVM initialized the module is invisible until the module
   * is finalized and initialized again. Castellan's binding never finalizes (it would end other
   * users' sessions), and initializes on every load, tolerating "already initialized"; so the
   * test helper finalizes here, between tests, when no token of an earlier test is still open.
   */
  private static void finalizeModule() {
    try {
      SymbolLookup module = SymbolLookup.libraryLookup(MODULE, Arena.global());
      Linker linker = Linker.nativeLinker();
      MethodHandle getFunctionList = linker.downcallHandle(module.findOrThrow("C_GetFunctionList"),
          FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));
      try (Arena arena = Arena.ofConfined()) {
        MemorySegment pointer = arena.allocate(ValueLayout.ADDRESS);
        if ((long) getFunctionList.invokeExact(pointer) != 0) {
          throw new IllegalStateException("C_GetFunctionList failed");
        }
        // CK_FUNCTION_LIST: a CK_VERSION padded to 8 bytes, then C_Initialize, C_Finalize, ...
        MemorySegment finalize = pointer.get(ValueLayout.ADDRESS, 0).reinterpret(24).get(ValueLayout.ADDRESS, 16);
        MethodHandle call = linker.downcallHandle(finalize, FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));
        long rv = (long) call.invokeExact(MemorySegment.NULL);
        if (rv != 0 && rv != 0x190) { // CKR_OK, or CKR_CRYPTOKI_NOT_INITIALIZED: not loaded before
          throw new IllegalStateException("C_Finalize returned 0x" + Long.toHexString(rv));
        }
      }
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("cannot finalize " + MODULE, t);
    }
  }

  private static String hex(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return HexFormat.of().formatHex(random);
  }

  private static String digits(int n) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < n; i++) {
      out.append((char) ('0' + RANDOM.nextInt(10)));
    }
    return out.toString();
  }
}
