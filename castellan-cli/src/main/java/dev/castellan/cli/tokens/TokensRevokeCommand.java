package dev.castellan.cli.tokens;

import dev.castellan.attestation.simulator.SimulatedNitroTee;
import dev.castellan.authority.LocalAuthority;
import dev.castellan.authority.RevokedTokens;
import dev.castellan.cli.CliException;
import dev.castellan.cli.DataDirectory;
import dev.castellan.cli.ErrorKind;
import dev.castellan.core.bytes.Hex;
import dev.castellan.server.oracle.Oracle;
import dev.castellan.tokens.CapabilityToken;
import dev.castellan.tokens.TokenException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code castellan tokens revoke}: adds a token id to the authority's revoked list; the
 * oracle notices the change and signs a new revocation list within 2 seconds.
 */
@Command(
    name = "revoke",
    mixinStandardHelpOptions = true,
    description = {
      "Revoke a capability token.",
      "",
      "By its id (cti, hex; 'castellan tokens verify' prints it) or",
      "given whole (--token, --token-file). A running oracle refuses it within 2 seconds."
    })
public final class TokensRevokeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "TOKEN_ID", description = "The token id (cti) in hex.")
  String tokenId;

  @Option(names = "--token", paramLabel = "TOKEN", description = "The token itself (base64url).")
  String token;

  @Option(names = "--token-file", paramLabel = "FILE", description = "A file holding the token.")
  Path tokenFile;

  @Option(names = "--data", paramLabel = "DIR", description = "Data directory (default: $CASTELLAN_DATA, else ./castellan-data).")
  Path data;

  @Override
  public Integer call() throws Exception {
    int given = (tokenId != null ? 1 : 0) + (token != null ? 1 : 0) + (tokenFile != null ? 1 : 0);
    if (given != 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give one of TOKEN_ID, --token TOKEN or --token-file FILE");
    }
    Path authority = DataDirectory.resolve(data).resolve(LocalAuthority.DIRECTORY);
    if (!Files.exists(authority.resolve(LocalAuthority.KEY_SET_FILE))) {
      throw new CliException(ErrorKind.OPERATION, "no token authority in " + authority.getParent()
          + ": boot the oracle there first with 'castellan up'");
    }
    byte[] id = tokenId != null ? hex(tokenId) : id(TokenText.bytes(token, tokenFile));
    Path directory = authority.getParent();
    Clock clock = Clock.systemUTC();
    SecureRandom random = new SecureRandom();
    SimulatedNitroTee device = SimulatedOracleDevice.boot(directory, clock, random);
    LocalAuthority opened = Oracle.openAuthority(directory, device, clock, random);
    try {
      RevokedTokens.add(authority, id, clock.instant());
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    // Revoked first, recorded after: a revocation is never held back by its record.
    AuthorityAudit.record(opened, Oracle.sealer(device, random), "token.revoke", Optional.of(Hex.encode(id)), "ok",
        spec.commandLine().getErr(), "jti", Hex.encode(id));
    spec.commandLine().getOut().println("revoked " + Hex.encode(id) + " (in the oracle's revocation list within 2 s)");
    spec.commandLine().getOut().flush();
    return 0;
  }

  private byte[] hex(String text) {
    try {
      return Hex.decode(text.strip());
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "TOKEN_ID must be hex");
    }
  }

  private static byte[] id(byte[] token) throws CliException {
    try {
      return CapabilityToken.decode(token).claims().tokenId();
    } catch (TokenException e) {
      throw new CliException(ErrorKind.VERIFICATION, "not a capability token: " + e.getMessage());
    }
  }
}
