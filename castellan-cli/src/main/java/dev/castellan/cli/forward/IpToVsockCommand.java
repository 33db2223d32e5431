package dev.castellan.cli.forward;

import picocli.CommandLine.Command;

/** {@code castellan forward ip-to-vsock}: the host side, TCP in, vsock out (any kinds accepted). */
@Command(
    name = "ip-to-vsock",
    mixinStandardHelpOptions = true,
    description = {
      "Host side: relay --listen (e.g. HOST:PORT) to --to (e.g. vsock:CID:PORT).",
      "",
      "Any address kind works on either side (castellan forward --help). Runs",
      "until Ctrl-C; prints its counters every --stats-every seconds and on exit."
    })
public final class IpToVsockCommand extends ForwardRun {}
