package dev.castellan.cli.tokens;

import dev.castellan.authority.LocalAuthority;
import dev.castellan.authority.totp.Enrolment;
import dev.castellan.authority.totp.QrCodeEncoder;
import dev.castellan.authority.totp.SealedTotpSecrets;
import dev.castellan.authority.totp.TotpEnrolment;
import dev.castellan.authority.totp.TotpEnrolmentException;
import dev.castellan.authority.totp.TotpParameters;
import dev.castellan.cli.CliException;
import dev.castellan.cli.DataDirectory;
import dev.castellan.cli.ErrorKind;
import dev.castellan.server.oracle.Oracle;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code castellan tokens totp-enroll}: a TOTP secret for an operator, sealed in the data
 * directory's authority ({@value #DIRECTORY}) as the oracle seals, shown once as an
 * {@code otpauth://} URI and a terminal QR code for an authenticator app.
 */
@Command(
    name = "totp-enroll",
    mixinStandardHelpOptions = true,
    description = {
      "Enrol an operator for TOTP; the secret is shown once.",
      "",
      "RFC 6238: SHA-1, 6 digits, 30 s. The secret is sealed in",
      "DIR/authority/totp/ (only this build unseals it) and shown ONCE, as an otpauth:// URI",
      "and a QR code to scan. It is never printed again; enrolling twice is refused."
    })
public final class TokensTotpEnrollCommand implements Callable<Integer> {
  static final String DIRECTORY = "totp";

  @Spec CommandSpec spec;

  @Option(names = "--operator", paramLabel = "NAME", required = true, description = "The operator's id (as in the ACL).")
  String operator;

  @Option(names = "--issuer", paramLabel = "NAME", defaultValue = "Castellan",
      description = "The issuer label the app shows (default: ${DEFAULT-VALUE}).")
  String issuer;

  @Option(names = "--data", paramLabel = "DIR", description = "Data directory (default: $CASTELLAN_DATA, else ./castellan-data).")
  Path data;

  @Override
  public Integer call() throws Exception {
    Path directory = DataDirectory.resolve(data);
    Clock clock = Clock.systemUTC();
    SecureRandom random = new SecureRandom();
    // The authority must exist (and unseal here) before secrets are sealed beside it.
    var device = SimulatedOracleDevice.boot(directory, clock, random);
    LocalAuthority authority = Oracle.openAuthority(directory, device, clock, random);
    TotpParameters parameters = TotpParameters.defaults();
    SealedTotpSecrets secrets = new SealedTotpSecrets(
        authority.directory().resolve(DIRECTORY), Oracle.sealer(device, random), parameters.algorithm());
    int columns = columns();
    Enrolment enrolment;
    try {
      enrolment = new TotpEnrolment(secrets, parameters, issuer, random, new QrCodeEncoder(), columns).enrol(operator);
    } catch (TotpEnrolmentException e) {
      throw new CliException(ErrorKind.OPERATION, e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("Add this to " + operator + "'s authenticator app now: it is shown once and stored only sealed.");
    enrolment.showTo(out);
    out.flush();
    return 0;
  }

  private static int columns() {
    try {
      String value = System.getenv("COLUMNS");
      return value == null ? TotpEnrolment.DEFAULT_COLUMNS : Math.max(20, Integer.parseInt(value.strip()));
    } catch (NumberFormatException e) {
      return TotpEnrolment.DEFAULT_COLUMNS;
    }
  }
}
