package dev.castellan.cli.tokens;

import dev.castellan.cli.CliException;
import dev.castellan.cli.ErrorKind;
import dev.castellan.cli.FileException;
import dev.castellan.core.bytes.Hex;
import dev.castellan.tokens.CapabilityClaims;
import dev.castellan.tokens.TokenException;
import dev.castellan.tokens.TokenVerifier;
import dev.castellan.tokens.VerifierOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code castellan tokens verify}: the enforcement library's verdict on one token, offline:
 * every rule of docs/tokens.md except revocation (no list is at hand offline, and the output
 * says so) and replay (a check of one token cannot see others).
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Check a capability token offline, as the oracle would.",
      "",
      "It is checked against the authority's key set (DIR/authority/keyset.cbor)",
      "for one operation (--scope) at one audience, as the oracle would. Exit 0 if it is",
      "valid, 1 if not (the rule is named). Revocation is not checked offline."
    })
public final class TokensVerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "TOKEN", description = "The token (base64url), or - for standard input.")
  String token;

  @Option(names = "--token-file", paramLabel = "FILE", description = "Read the token from FILE (e.g. DIR/authority/bootstrap.token).")
  Path tokenFile;

  @Option(names = "--scope", paramLabel = "SCOPE", required = true, description = "The operation to authorize, e.g. sign:bip340.")
  String scope;

  @Option(names = "--audience", paramLabel = "NAME", defaultValue = "castellan-oracle",
      description = "Who the token must be for (default: ${DEFAULT-VALUE}).")
  String audience;

  @Option(names = "--data", paramLabel = "DIR", description = "Data directory (default: $CASTELLAN_DATA, else ./castellan-data).")
  Path data;

  @Option(names = "--kid", paramLabel = "HEX", description = "Pin the authority's active key id (see 'castellan tokens keys').")
  String kid;

  @Option(names = "--at", paramLabel = "TIME", description = "Check as of TIME (ISO 8601, e.g. 2026-12-03T12:00:00Z; default: now).")
  String at;

  @Override
  public Integer call() throws Exception {
    byte[] bytes = tokenBytes();
    Instant now = instant();
    KeySetFile keys = KeySetFile.read(data, kid);
    TokenVerifier verifier = TokenVerifier.create(keys.keySet(),
        VerifierOptions.defaults().withReusableTokens().withoutRevocationList());
    PrintWriter out = spec.commandLine().getOut();
    out.println("key set      " + keys.trust());
    try {
      CapabilityClaims claims = verifier.verify(bytes, scope, audience, now);
      out.println("  subject    " + claims.subject());
      out.println("  audience   " + String.join(" ", claims.audience()));
      out.println("  scope      " + String.join(" ", claims.scope()));
      out.println("  issued     " + claims.issuedAt() + ", expires " + claims.expiresAt());
      out.println("  token id   " + Hex.encode(claims.tokenId()));
      out.println("  SKIP  revocation  not checked offline (no revocation list)");
      out.println("VALID for " + scope + " at " + audience + " as of " + now);
      out.flush();
      return 0;
    } catch (TokenException e) {
      out.println("NOT VALID: " + e.getMessage()); // "rule: detail"
      out.flush();
      return ErrorKind.VERIFICATION.exitCode();
    }
  }

  private byte[] tokenBytes() throws FileException, CliException {
    if ((token == null) == (tokenFile == null)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give the token: TOKEN, - (standard input) or --token-file FILE");
    }
    return TokenText.bytes(token, tokenFile);
  }

  private Instant instant() {
    if (at == null) {
      return Instant.now();
    }
    try {
      return Instant.parse(at);
    } catch (DateTimeParseException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--at must be an ISO 8601 instant like 2026-12-03T12:00:00Z");
    }
  }
}
