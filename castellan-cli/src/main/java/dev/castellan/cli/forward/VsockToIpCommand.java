package dev.castellan.cli.forward;

import picocli.CommandLine.Command;

/** {@code castellan forward vsock-to-ip}: the enclave side, vsock in, TCP out (any kinds accepted). */
@Command(
    name = "vsock-to-ip",
    mixinStandardHelpOptions = true,
    description = {
      "Enclave side: relay --listen (e.g. vsock:PORT) to --to (e.g. HOST:PORT).",
      "",
      "Any address kind works on either side (castellan forward --help). Runs",
      "until Ctrl-C; prints its counters every --stats-every seconds and on exit."
    })
public final class VsockToIpCommand extends ForwardRun {}
