package dev.castellan.cli.forward;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code castellan forward}: port forwarding between TCP, Unix sockets and vsock (docs/forward.md). */
@Command(
    name = "forward",
    mixinStandardHelpOptions = true,
    description = {
      "Port forwarding (pf-proxy): relay byte streams between host and enclave.",
      "",
      "The two subcommands are one relay under the seed's names: either accepts",
      "any address kind on either side, tcp:HOST:PORT (or HOST:PORT), unix:PATH",
      "or vsock:CID:PORT; to listen, vsock:PORT is any CID."
    },
    subcommands = {IpToVsockCommand.class, VsockToIpCommand.class})
public final class ForwardCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "a forward subcommand is required (ip-to-vsock, vsock-to-ip)");
  }
}
