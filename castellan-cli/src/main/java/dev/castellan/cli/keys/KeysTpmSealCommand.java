package dev.castellan.cli.keys;

import dev.castellan.cli.CliException;
import dev.castellan.cli.ErrorKind;
import dev.castellan.cli.FileException;
import dev.castellan.cli.InputFile;
import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.keys.SealedFile;
import dev.castellan.keys.tpm.PcrSelection;
import dev.castellan.keys.tpm.TpmSealException;
import dev.castellan.keys.tpm.TpmSealer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code castellan keys tpm seal}: a fresh (or given) key sealed to TPM PCRs, written as a CTPM blob. */
@Command(
    name = "seal",
    mixinStandardHelpOptions = true,
    description = {
      "Seal a key to the TPM's SHA-256 PCRs as they are now, and write the sealed blob to --out.",
      "",
      "Without --in a fresh random key of --size bytes is generated; it is never written in the",
      "clear (get it back with 'castellan keys tpm unseal'). The blob opens only on this TPM,",
      "and only while the PCRs hold the values they hold now (docs/tpm-sealing.md)."
    })
public final class KeysTpmSealCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TctiOption tpm;

  @Option(names = "--pcrs", paramLabel = "LIST", defaultValue = "0,7",
      description = "SHA-256 PCRs to seal to, e.g. 0,2,4,7 (default: ${DEFAULT-VALUE}: firmware and Secure Boot policy).")
  String pcrs;

  @Option(names = "--in", paramLabel = "FILE",
      description = "Seal the key in FILE (or - for standard input), 1..128 bytes, instead of generating one.")
  String in;

  @Option(names = "--size", paramLabel = "BYTES",
      description = "Size of the generated key: 32 or 64 (default: 32). Not with --in.")
  Integer size;

  @Option(names = "--out", paramLabel = "FILE", required = true,
      description = "Where to write the sealed blob (must not exist; not secret, but keep it where only root can replace it).")
  Path out;

  @Override
  public Integer call() throws Exception {
    CommandLine commandLine = spec.commandLine();
    PcrSelection selection;
    try {
      selection = PcrSelection.parse(pcrs);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(commandLine, "--pcrs: " + e.getMessage());
    }
    if (in != null && size != null) {
      throw new CommandLine.ParameterException(commandLine, "--size is for a generated key; not with --in");
    }
    if (size != null && size != 32 && size != 64) {
      throw new CommandLine.ParameterException(commandLine, "--size must be 32 or 64, got " + size);
    }
    if (Files.exists(out)) {
      throw new CommandLine.ParameterException(commandLine, "--out " + out + " exists; a sealed key file is never overwritten");
    }
    TpmSealer sealer = tpm.sealer(commandLine, selection);
    SecretBytes key = in == null ? generate(size == null ? 32 : size) : read(in);
    try {
      byte[] blob = sealer.seal(key);
      SealedFile.writeAtomically(out, blob);
      commandLine.getOut().println(String.format(Locale.ROOT,
          "sealed a %d-byte key to PCRs %s of the TPM at %s: %s (%d bytes)", key.size(),
          selection.toolArgument(), sealer.options().tcti(), out, blob.length));
      commandLine.getOut().flush();
      return 0;
    } catch (TpmSealException e) {
      throw new CliException(ErrorKind.OPERATION, e.getMessage());
    } finally {
      key.destroy();
    }
  }

  private static SecretBytes generate(int bytes) {
    byte[] key = new byte[bytes];
    new SecureRandom().nextBytes(key);
    try {
      return SecretBytes.copyOf(key);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  private static SecretBytes read(String source) throws FileException {
    byte[] key = source.equals("-")
        ? InputFile.bounded("standard input", System.in, TpmSealer.MAX_SECRET)
        : InputFile.read("key file", Path.of(source), TpmSealer.MAX_SECRET);
    try {
      if (key.length == 0) {
        throw new FileException((source.equals("-") ? "standard input" : "key file " + source) + ": is empty");
      }
      return SecretBytes.copyOf(key);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }
}
