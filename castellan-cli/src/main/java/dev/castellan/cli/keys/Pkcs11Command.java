package dev.castellan.cli.keys;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code castellan keys pkcs11}: key pairs generated and used inside a PKCS#11 token. */
@Command(name = "pkcs11", mixinStandardHelpOptions = true,
    description = {"Keys in a PKCS#11 token, named by RFC 7512 URIs (docs/keys.md).",
        "The private key is generated in the token and never leaves it."},
    subcommands = {Pkcs11InitCommand.class, Pkcs11ListCommand.class, Pkcs11SignCommand.class})
final class Pkcs11Command implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a keys pkcs11 subcommand is required");
  }
}
