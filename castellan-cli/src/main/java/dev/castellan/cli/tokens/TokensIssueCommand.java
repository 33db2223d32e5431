package dev.castellan.cli.tokens;

import dev.castellan.attestation.simulator.SimulatedNitroTee;
import dev.castellan.authority.IssueDeniedException;
import dev.castellan.authority.LocalAuthority;
import dev.castellan.authority.acl.Acl;
import dev.castellan.authority.acl.Scope;
import dev.castellan.cli.CliException;
import dev.castellan.cli.DataDirectory;
import dev.castellan.cli.ErrorKind;
import dev.castellan.cli.ReferenceValueOptions;
import dev.castellan.core.bytes.Hex;
import dev.castellan.keys.SealedFile;
import dev.castellan.keys.Sealer;
import dev.castellan.server.oracle.Oracle;
import dev.castellan.tokens.CapabilityClaims;
import dev.castellan.tokens.CapabilityToken;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code castellan tokens issue}: a capability token from the data directory's authority, by
 * its ACL and scope policies. The authority's key is sealed to the oracle's measurement, so
 * only this build, on this simulated device, can issue: the command measures itself and
 * unseals as {@code castellan up} does.
 */
@Command(
    name = "issue",
    mixinStandardHelpOptions = true,
    description = {
      "Issue a capability token from the data directory's authority, by its ACL.",
      "",
      "The authority is the one of a data directory where",
      "'castellan up' has run (simulated TEE). The ACL (DIR/authority/acl.json) decides:",
      "every scope must be allowed for the subject. Prints the token (base64url), for",
      "'Authorization: Bearer TOKEN'; --out writes it to a new 0600 file instead."
    })
public final class TokensIssueCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--subject", paramLabel = "NAME", defaultValue = LocalAuthority.OPERATOR,
      description = "Who the token is for (default: ${DEFAULT-VALUE}).")
  String subject;

  @Option(names = "--scope", paramLabel = "SCOPE", required = true, description = "A scope to grant, e.g. sign:bip340 (repeatable).")
  List<String> scopes;

  @Option(names = "--audience", paramLabel = "NAME", defaultValue = Oracle.TOKEN_AUDIENCE,
      description = "Who may accept it (default: ${DEFAULT-VALUE}).")
  String audience;

  @Option(names = "--lifetime", paramLabel = "DURATION", defaultValue = "60s",
      description = "How long it is valid: 60s, 5m, PT2M (default: ${DEFAULT-VALUE}; the scope policy caps it).")
  String lifetime;

  @Option(names = "--data", paramLabel = "DIR", description = "Data directory (default: $CASTELLAN_DATA, else ./castellan-data).")
  Path data;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the token to FILE (created 0600; must not exist).")
  Path out;

  private static String rule(String message) {
    int colon = message.indexOf(':');
    return colon > 0 ? message.substring(0, colon) : message;
  }

  @Override
  public Integer call() throws Exception {
    java.time.Duration duration;
    try {
      duration = ReferenceValueOptions.duration("--lifetime", lifetime);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    if (out != null && Files.exists(out)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--out " + out + " exists; a token file is never overwritten");
    }
    Path directory = DataDirectory.resolve(data);
    Clock clock = Clock.systemUTC();
    SecureRandom random = new SecureRandom();
    SimulatedNitroTee device = SimulatedOracleDevice.boot(directory, clock, random);
    LocalAuthority authority = Oracle.openAuthority(directory, device, clock, random);
    Sealer sealer = Oracle.sealer(device, random);
    PrintWriter err = spec.commandLine().getErr();
    Optional<String> target = Optional.of(Acl.validSubject(subject) ? subject : "invalid");
    String scopeList = scopes.stream().allMatch(Scope::valid) && scopes.size() <= 16 ? String.join(",", scopes) : "invalid";
    byte[] token;
    try {
      token = authority.issue(subject, scopes, audience, duration);
    } catch (IssueDeniedException e) {
      AuthorityAudit.record(authority, sealer, "token.issue", target, "denied", err, "rule", rule(e.getMessage()),
          "detail", e.getMessage(), "scopes", scopeList);
      throw new CliException(ErrorKind.OPERATION, "the authority denies it: " + e.getMessage());
    }
    CapabilityClaims claims = CapabilityToken.decode(token).claims();
    // Recorded before the token is shown: a token that is not on the record is never released.
    AuthorityAudit.record(authority, sealer, "token.issue", target, "ok", err, "scopes", String.join(",", claims.scope()),
        "jti", Hex.encode(claims.tokenId()), "expires_at", claims.expiresAt().toString(), "audience", audience);
    String text = Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    if (out != null) {
      SealedFile.writeAtomically(out, (text + "\n").getBytes(StandardCharsets.US_ASCII));
      spec.commandLine().getErr().println("castellan tokens issue: wrote the token to " + out.toAbsolutePath().normalize());
    } else {
      PrintWriter stdout = spec.commandLine().getOut();
      stdout.println(text);
      stdout.flush();
    }
    return 0;
  }
}
