package dev.castellan.cli.keys;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.ObjectMapper;

/** {@code castellan keys kms-policy}: seed 001's AWS KMS key policy for one enclave build. */
@Command(
    name = "kms-policy",
    mixinStandardHelpOptions = true,
    description = {
      "Print the AWS KMS key policy that lets only the enclave with this PCR0 decrypt (docs/kms.md).",
      "",
      "The enclave role may kms:Decrypt and kms:GenerateDataKey only when",
      "kms:RecipientAttestation:PCR0 (and PCR8 if given) equal the pinned values; the admin role",
      "administers the key but never decrypts. --lock prints the irreversible variant: no",
      "administrator, so nobody can change the policy or delete the key afterwards."
    })
public final class KeysKmsPolicyCommand implements Callable<Integer> {
  /** PCRs are SHA-384 values: 48 bytes, 96 hex digits. */
  static final Pattern PCR = Pattern.compile("[0-9a-fA-F]{96}");
  static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
  /** IAM role ARN (IAM User Guide, "IAM identifiers"): path and name of [\w+=,.@-], at most 512 in all. */
  static final Pattern ROLE_ARN = Pattern.compile("arn:(aws|aws-cn|aws-us-gov):iam::([0-9]{12}):role/([\\w+=,.@/-]{1,512})");

  @Spec CommandSpec spec;

  @Option(names = "--pcr0", required = true, paramLabel = "HEX", description = "The enclave image's PCR0 (96 hex digits).")
  String pcr0;

  @Option(names = "--pcr8", paramLabel = "HEX", description = "Also pin PCR8, the EIF signing certificate (96 hex digits).")
  String pcr8;

  @Option(names = "--account", required = true, paramLabel = "ID", description = "The AWS account id (12 digits) of both roles.")
  String account;

  @Option(names = "--enclave-role", required = true, paramLabel = "ARN", description = "The instance role the enclave calls KMS as.")
  String enclaveRole;

  @Option(names = "--admin-role", required = true, paramLabel = "ARN",
      description = "The role that administers the key (never decrypts; absent from --lock).")
  String adminRole;

  @Option(names = "--lock", description = "The irreversible lockdown policy: no principal may kms:PutKeyPolicy afterwards.")
  boolean lock;

  @Override
  public Integer call() throws Exception {
    String pinned0 = pcr("--pcr0", pcr0);
    Optional<String> pinned8 = pcr8 == null ? Optional.empty() : Optional.of(pcr("--pcr8", pcr8));
    if (!ACCOUNT.matcher(account).matches()) {
      throw usage("--account must be a 12-digit AWS account id");
    }
    role("--enclave-role", enclaveRole);
    role("--admin-role", adminRole);
    if (enclaveRole.equals(adminRole)) {
      throw usage("--enclave-role and --admin-role must differ: the administrator must not be able to decrypt");
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(
        KmsKeyPolicy.policy(account, pinned0, pinned8, enclaveRole, adminRole, lock)));
    out.flush();
    if (lock) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("castellan keys kms-policy: WARNING: this is the lockdown policy. Applying it needs"
          + " PutKeyPolicy with BypassPolicyLockoutSafetyCheck (aws kms put-key-policy"
          + " --bypass-policy-lockout-safety-check) and is IRREVERSIBLE: afterwards no principal, not even the"
          + " account root, can change the policy or delete the key, and only an enclave with this PCR0 can decrypt.");
      err.flush();
    }
    return 0;
  }

  private String pcr(String option, String value) {
    if (!PCR.matcher(value).matches()) {
      throw usage(option + " must be 96 hex digits (a SHA-384 PCR), got " + Math.min(value.length(), 999) + " characters");
    }
    if (value.chars().allMatch(c -> c == '0')) {
      throw usage(option + " is all zeros: that is a debug-mode enclave, whose PCRs prove nothing");
    }
    return value.toLowerCase(Locale.ROOT);
  }

  private void role(String option, String arn) {
    Matcher m = ROLE_ARN.matcher(arn);
    if (arn.length() > 2048 || !m.matches()) {
      throw usage(option + " must be an IAM role ARN, arn:aws:iam::<account>:role/<name>");
    }
    if (!m.group(2).equals(account)) {
      throw usage(option + " is in account " + m.group(2) + ", not --account " + account);
    }
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
