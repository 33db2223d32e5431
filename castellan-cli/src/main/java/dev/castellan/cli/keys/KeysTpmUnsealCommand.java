package dev.castellan.cli.keys;

import dev.castellan.attestation.tpm.Tpm2ToolsException;
import dev.castellan.cli.CliException;
import dev.castellan.cli.ErrorKind;
import dev.castellan.cli.InputFile;
import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.keys.SealedFile;
import dev.castellan.keys.UnsealException;
import dev.castellan.keys.tpm.TpmSealedBlob;
import dev.castellan.keys.tpm.TpmSealer;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code castellan keys tpm unseal}: the key of a CTPM blob, as a keyfile (0600) or on standard output. */
@Command(
    name = "unseal",
    mixinStandardHelpOptions = true,
    description = {
      "Unseal a blob from 'castellan keys tpm seal' and write the key to --out.",
      "",
      "The key file is created 0600 (replacing an existing one atomically), usable as a LUKS",
      "keyfile: cryptsetup luksAddKey DEV KEYFILE. With --out - the raw key goes to standard",
      "output: castellan keys tpm unseal --in disk.ctpm --out - | cryptsetup open DEV root --key-file=-",
      "It fails, naming the PCR, when a sealed PCR changed since sealing."
    })
public final class KeysTpmUnsealCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TctiOption tpm;

  @Option(names = "--in", paramLabel = "FILE", required = true, description = "The sealed blob.")
  Path in;

  @Option(names = "--out", paramLabel = "KEYFILE", required = true,
      description = "Where to write the key (created 0600), or - for standard output (raw bytes, nothing else).")
  String out;

  @Override
  public Integer call() throws Exception {
    CommandLine commandLine = spec.commandLine();
    TpmSealer sealer = tpm.sealer(commandLine, TpmSealer.DEFAULT_PCRS);
    byte[] blob = InputFile.read("sealed key file", in, TpmSealedBlob.MAX_SIZE);
    SecretBytes key;
    try {
      key = sealer.unseal(blob);
    } catch (UnsealException e) {
      // An unusable TPM is an operation that could not be done; a refusal is a failed check.
      throw new CliException(e.getCause() instanceof Tpm2ToolsException ? ErrorKind.OPERATION : ErrorKind.VERIFICATION,
          in + ": " + e.getMessage());
    }
    byte[] bytes = key.toByteArray();
    try {
      if (out.equals("-")) {
        OutputStream stdout = System.out;
        stdout.write(bytes);
        stdout.flush();
      } else {
        // A temporary file created 0600 beside the target, then renamed over it.
        SealedFile.writeAtomically(Path.of(out), bytes);
        commandLine.getErr().println("castellan keys tpm unseal: wrote a " + bytes.length + "-byte key to "
            + Path.of(out).toAbsolutePath().normalize() + " (0600)");
        commandLine.getErr().flush();
      }
      return 0;
    } finally {
      Arrays.fill(bytes, (byte) 0);
      key.destroy();
    }
  }
}
