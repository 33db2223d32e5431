package dev.castellan.cli.tokens;

import dev.castellan.attestation.simulator.SimulatedNitroTee;
import dev.castellan.authority.LocalAuthority;
import dev.castellan.cli.DataDirectory;
import dev.castellan.keys.Sealer;
import dev.castellan.server.oracle.Oracle;
import dev.castellan.tokens.KeySet;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code castellan tokens rotate}: a new signing key for the data directory's token authority. */
@Command(
    name = "rotate",
    mixinStandardHelpOptions = true,
    description = {
      "Rotate the token authority's signing key, losing no request.",
      "",
      "A new ES256 key, sealed as the oracle seals",
      "(only this build unseals it), and the next key set signed by the outgoing and the new",
      "key. A running oracle follows within 15 seconds; tokens of the previous key stay valid",
      "for 10 minutes, so no request is lost."
    })
public final class TokensRotateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--data", paramLabel = "DIR", description = "Data directory (default: $CASTELLAN_DATA, else ./castellan-data).")
  Path data;

  @Override
  public Integer call() throws Exception {
    Path directory = DataDirectory.resolve(data);
    Clock clock = Clock.systemUTC();
    SecureRandom random = new SecureRandom();
    SimulatedNitroTee device = SimulatedOracleDevice.boot(directory, clock, random);
    LocalAuthority authority = Oracle.openAuthority(directory, device, clock, random);
    Sealer sealer = Oracle.sealer(device, random);
    String outgoing = authority.keySet().activeKeyId().toString();
    KeySet next = authority.rotate(sealer);
    AuthorityAudit.record(authority, sealer, "key.rotate", Optional.of(next.activeKeyId().toString()), "ok", spec.commandLine().getErr(),
        "previous_kid", outgoing, "key_set_version", Long.toString(next.version()));
    PrintWriter out = spec.commandLine().getOut();
    out.println("rotated: key set version " + next.version() + ", active key " + next.activeKeyId());
    next.entries().stream().filter(e -> !e.keyId().equals(next.activeKeyId())).forEach(previous ->
        out.println("  previous key " + previous.keyId() + " is accepted until " + previous.notAfter().orElseThrow()));
    out.flush();
    return 0;
  }
}
