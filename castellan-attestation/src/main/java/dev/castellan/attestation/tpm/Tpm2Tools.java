package dev.castellan.attestation.tpm;

import dev.castellan.attestation.SafeText;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code tpm2-tools} commands against one TPM, given by its TCTI ({@code
 * TPM2TOOLS_TCTI}): a kernel device ({@code device:/dev/tpmrm0}) or a software TPM ({@code
 * swtpm:host=127.0.0.1,port=2321}). Shared by every Castellan component that talks to a TPM
 * (the attester, the sealer), so that all of them bound, time out and report tool failures
 * alike.
 *
 * <p>Guarantees: every command is killed after the timeout, and the waiting does not depend
 * on the tool closing its output; at most {@value #MAX_OUTPUT} bytes of each output stream
 * are kept; standard input and standard output are never part of a message (they may carry
 * secrets: {@code tpm2_create -i -}, {@code tpm2_unseal}); arguments MUST NOT carry secrets,
 * since command lines are visible to every local user. After each command the TPM's
 * transient objects are flushed, because a TPM without a resource manager (swtpm, {@code
 * /dev/tpm0}) keeps them loaded and runs out of slots after three. For the same reason, on
 * such a TPM the commands of concurrent users interfere (each flush is everyone's): use it
 * from one caller at a time, or go through the kernel's resource manager ({@code /dev/tpmrm0}).
 */
public final class Tpm2Tools {
  /** How long one command may run unless told otherwise: swtpm answers in milliseconds, a hardware TPM creating an RSA primary in seconds. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  /** tpm2-tools print YAML summaries and names of a few hundred bytes: 64 KiB bounds a misbehaving tool. */
  public static final int MAX_OUTPUT = 64 * 1024;
  /** Standard input carries at most a sealed secret (128 bytes, MAX_SYM_DATA) or a small file. */
  public static final int MAX_INPUT = 4096;
  private static final Pattern RESPONSE_CODE = Pattern.compile("\\(0x([0-9A-Fa-f]{1,8})\\)");
  private static final Pattern TCTI_LINE = Pattern.compile("^(?:WARNING|ERROR):tcti:\\S*\\(\\) (.*)$");

  private final String tcti;
  private final Duration timeout;
  private final Optional<Path> toolDirectory;

  private Tpm2Tools(String tcti, Duration timeout, Optional<Path> toolDirectory) {
    this.tcti = tcti;
    this.timeout = timeout;
    this.toolDirectory = toolDirectory;
  }

  /** Tools found on {@code PATH}, talking to {@code tcti}, each command bounded by {@code commandTimeout}. */
  public static Tpm2Tools create(String tcti, Duration commandTimeout) {
    Objects.requireNonNull(tcti, "tcti");
    if (tcti.isBlank() || tcti.length() > 256 || tcti.chars().anyMatch(c -> c < 0x20 || c >= 0x7f)) {
      throw new IllegalArgumentException("a TCTI is 1..256 printable ASCII characters, e.g. device:/dev/tpmrm0");
    }
    if (commandTimeout.isNegative() || commandTimeout.isZero()) {
      throw new IllegalArgumentException("the command timeout must be positive");
    }
    return new Tpm2Tools(tcti, commandTimeout, Optional.empty());
  }

  /** The same, with the tools taken from {@code directory} instead of {@code PATH}. */
  public Tpm2Tools withToolDirectory(Path directory) {
    return new Tpm2Tools(tcti, timeout, Optional.of(directory));
  }

  public String tcti() {
    return tcti;
  }

  /** Runs {@code tool args...}, then flushes transient objects; returns its standard output. */
  public byte[] run(String tool, String... args) throws Tpm2ToolsException {
    return runWithInput(new byte[0], tool, args);
  }

  /**
   * Runs {@code tool args...} with {@code standardInput} (at most {@value #MAX_INPUT} bytes)
   * on its standard input, then flushes transient objects. The returned standard output is
   * the caller's to wipe.
   */
  public byte[] runWithInput(byte[] standardInput, String tool, String... args) throws Tpm2ToolsException {
    if (standardInput.length > MAX_INPUT) {
      throw new IllegalArgumentException("standard input exceeds " + MAX_INPUT + " bytes");
    }
    if (tcti.startsWith("device:") && !Files.exists(Path.of(tcti.substring("device:".length())))) {
      throw new Tpm2ToolsException(Tpm2ToolsException.Reason.NO_DEVICE, tool, -1,
          "no TPM device at " + SafeText.escape(tcti.substring("device:".length())), null);
    }
    List<String> command = new ArrayList<>();
    command.add(tool);
    command.addAll(List.of(args));
    byte[] output = execute(command, standardInput);
    try {
      // Without a resource manager transient objects stay loaded: flush them.
      Arrays.fill(execute(List.of("tpm2_flushcontext", "-t"), new byte[0]), (byte) 0);
      return output;
    } catch (Tpm2ToolsException e) {
      Arrays.fill(output, (byte) 0);
      throw e;
    }
  }

  private byte[] execute(List<String> command, byte[] input) throws Tpm2ToolsException {
    String tool = command.getFirst();
    List<String> resolved = new ArrayList<>(command);
    toolDirectory.ifPresent(dir -> resolved.set(0, dir.resolve(tool).toString()));
    ProcessBuilder builder = new ProcessBuilder(resolved);
    builder.environment().put("TPM2TOOLS_TCTI", tcti);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new Tpm2ToolsException(Tpm2ToolsException.Reason.NOT_INSTALLED, tool, -1, tool
          + " is not installed" + toolDirectory.map(d -> " in " + SafeText.escape(d.toString())).orElse("")
          + " (tpm2-tools; Debian: apt-get install tpm2-tools)", e);
    }
    StreamCapture stdout = StreamCapture.start(process.getInputStream(), MAX_OUTPUT);
    StreamCapture stderr = StreamCapture.start(process.getErrorStream(), MAX_OUTPUT);
    try {
      try (OutputStream in = process.getOutputStream()) {
        in.write(input);
      } catch (IOException e) {
        // The tool exited without reading its input: its exit status says why.
      }
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(1, TimeUnit.SECONDS);
        throw new Tpm2ToolsException(Tpm2ToolsException.Reason.TIMED_OUT, tool, -1, String.format(Locale.ROOT,
            "%s timed out after %s on TCTI %s (the TPM does not answer)", tool, timeout, SafeText.escape(tcti)), null);
      }
      if (!stdout.await(1000) || !stderr.await(1000)) {
        throw new Tpm2ToolsException(Tpm2ToolsException.Reason.IO, tool, -1, tool + " left its output open", null);
      }
      if (process.exitValue() != 0) {
        throw failure(tool, process.exitValue(), new String(stderr.bytes(), StandardCharsets.UTF_8));
      }
      if (stdout.overflowed()) {
        throw new Tpm2ToolsException(Tpm2ToolsException.Reason.FAILED, tool, -1,
            tool + " wrote more than " + MAX_OUTPUT + " bytes", null);
      }
      return stdout.bytes();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new Tpm2ToolsException(Tpm2ToolsException.Reason.IO, tool, -1, "interrupted while running " + tool, e);
    } finally {
      stdout.wipe();
    }
  }

  private Tpm2ToolsException failure(String tool, int exit, String errors) {
    List<String> lines = errors.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    if (lines.stream().anyMatch(l -> l.contains("Could not load tcti") || l.contains("Failed to instantiate TCTI"))) {
      String detail = lines.stream().map(TCTI_LINE::matcher).filter(Matcher::matches).map(m -> m.group(1))
          .findFirst().orElse("the TCTI could not be loaded");
      return new Tpm2ToolsException(Tpm2ToolsException.Reason.UNREACHABLE, tool, -1, String.format(Locale.ROOT,
          "cannot reach the TPM at TCTI %s: %s", SafeText.escape(tcti), SafeText.escape(detail.strip())), null);
    }
    String summary = lines.stream().filter(l -> l.startsWith("ERROR: ") && !l.startsWith("ERROR: Unable to run"))
        .findFirst().or(() -> lines.stream().filter(l -> l.startsWith("ERROR")).findFirst())
        .or(() -> lines.stream().findFirst()).orElse("no error output");
    Matcher code = RESPONSE_CODE.matcher(summary);
    int responseCode = code.find() ? (int) Long.parseLong(code.group(1), 16) : -1;
    return new Tpm2ToolsException(Tpm2ToolsException.Reason.FAILED, tool, responseCode, String.format(Locale.ROOT,
        "%s failed (exit %d) on TCTI %s: %s", tool, exit, SafeText.escape(tcti), SafeText.escape(summary)), null);
  }
}
