package dev.castellan.server.agent;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.DeviceUnavailableException;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.MalformedEvidenceException;
import dev.castellan.attestation.gpu.GpuEvidence;
import dev.castellan.core.bytes.Hex;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * GPU evidence from an external command, the adapter to the real device: the agent runs
 * {@code command} with every argument {@value #NONCE_PLACEHOLDER} replaced by the nonce in hex
 * (for example a wrapper around NVIDIA's local GPU attester), reads the report from its
 * standard output (binary, or hex text), and pairs it with the certificate chain in {@code
 * chainPem} (leaf first, PEM). The command gets {@link #TIMEOUT}, its output is bounded by
 * {@link Evidence#MAX_BYTES}, and a non-zero exit is an error naming the command and its exit
 * status (never its output, which may be anything).
 */
public final class CommandGpuSource implements GpuSource {
  /** The argument replaced by the nonce. */
  public static final String NONCE_PLACEHOLDER = "{nonce}";

  /** How long the command may take. */
  public static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final List<String> command;
  private final Path chainPem;
  private final Duration timeout;

  public CommandGpuSource(List<String> command, Path chainPem) {
    this(command, chainPem, TIMEOUT);
  }

  CommandGpuSource(List<String> command, Path chainPem, Duration timeout) {
    if (command.isEmpty()) {
      throw new IllegalArgumentException("the GPU command is empty");
    }
    if (command.stream().noneMatch(a -> a.contains(NONCE_PLACEHOLDER))) {
      throw new IllegalArgumentException("the GPU command must pass the nonce: no argument contains "
          + NONCE_PLACEHOLDER);
    }
    this.command = List.copyOf(command);
    this.chainPem = chainPem;
    this.timeout = timeout;
  }

  @Override
  public Optional<GpuEvidence> attest(byte[] nonce) throws AttestationException {
    String hex = Hex.encode(nonce);
    List<String> argv = new ArrayList<>();
    command.forEach(a -> argv.add(a.replace(NONCE_PLACEHOLDER, hex)));
    String name = Path.of(command.getFirst()).getFileName().toString();
    byte[] output;
    Process process = null;
    try {
      process = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD)
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
      InputStream in = process.getInputStream();
      // Read on another thread, so that a command that hangs with its output open still times out.
      java.util.concurrent.FutureTask<byte[]> reader = new java.util.concurrent.FutureTask<>(
          () -> in.readNBytes(2 * Evidence.MAX_BYTES + 1));
      Thread.ofVirtual().start(reader);
      try {
        output = reader.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        throw new DeviceUnavailableException("gpu.device", "the GPU command " + name + " did not finish in "
            + timeout.toMillis() + " ms");
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IOException("reading its output failed", e.getCause());
      }
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new DeviceUnavailableException("gpu.device", "the GPU command " + name + " did not exit in "
            + timeout.toMillis() + " ms");
      }
      if (process.exitValue() != 0) {
        throw new DeviceUnavailableException("gpu.device", "the GPU command " + name + " exited with status "
            + process.exitValue());
      }
    } catch (IOException e) {
      throw new DeviceUnavailableException("gpu.device", "cannot run the GPU command " + name + ": "
          + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeviceUnavailableException("gpu.device", "interrupted while running the GPU command " + name);
    } finally {
      if (process != null) {
        process.destroyForcibly();
      }
    }
    String pem;
    try {
      if (Files.size(chainPem) > Evidence.MAX_BYTES) {
        throw new MalformedEvidenceException("gpu.chain", "the GPU chain file " + chainPem + " is too large");
      }
      pem = Files.readString(chainPem, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new DeviceUnavailableException("gpu.device", "cannot read the GPU chain " + chainPem + ": "
          + e.getMessage());
    }
    return Optional.of(GpuEvidence.of(report(output), pem));
  }

  /** The command's output as a report: hex text (whitespace ignored) if it is only that, else the bytes. */
  static byte[] report(byte[] output) throws MalformedEvidenceException {
    String text = new String(output, StandardCharsets.ISO_8859_1).replaceAll("\\s+", "");
    if (!text.isEmpty() && text.length() % 2 == 0 && text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      return Hex.decode(text);
    }
    if (output.length > Evidence.MAX_BYTES) {
      throw new MalformedEvidenceException("evidence.size", "the GPU command printed more than "
          + Evidence.MAX_BYTES + " bytes");
    }
    return output;
  }
}
