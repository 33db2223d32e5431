package dev.castellan.cli.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.cli.Cli;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** {@code castellan keys kms-policy}: the printed policy, statement by statement, and its input checks. */
class KeysKmsPolicyCommandTest {
  static final String PCR0 = "ab".repeat(48);
  static final String PCR8 = "CD".repeat(48);
  static final String ENCLAVE = "arn:aws:iam::111122223333:role/castellan-enclave";
  static final String ADMIN = "arn:aws:iam::111122223333:role/key-admin";

  static Cli run(String... extra) {
    List<String> args = new ArrayList<>(List.of("keys", "kms-policy", "--pcr0", PCR0, "--account", "111122223333",
        "--enclave-role", ENCLAVE, "--admin-role", ADMIN));
    args.addAll(List.of(extra));
    return Cli.run(args);
  }

  static JsonNode statement(JsonNode policy, String sid) {
    for (JsonNode s : policy.get("Statement")) {
      if (s.get("Sid").stringValue().equals(sid)) {
        return s;
      }
    }
    throw new AssertionError("no statement " + sid + " in " + policy);
  }

  static List<String> actions(JsonNode statement) {
    List<String> out = new ArrayList<>();
    statement.get("Action").forEach(a -> out.add(a.stringValue()));
    return out;
  }

  @Test
  void kmsPolicy_enclaveStatement_decryptsOnlyWithPinnedPcr0() {
    Cli cli = run("--pcr8", PCR8);
    assertThat(cli.exitCode()).as(cli.toString()).isZero();
    JsonNode policy = new ObjectMapper().readTree(cli.out());

    assertThat(policy.get("Version").stringValue()).isEqualTo("2012-10-17");
    JsonNode enclave = statement(policy, "EnclaveDecryptWithPinnedPcr0");
    assertThat(enclave.get("Effect").stringValue()).isEqualTo("Allow");
    assertThat(enclave.get("Principal").get("AWS").stringValue()).isEqualTo(ENCLAVE);
    assertThat(actions(enclave)).containsExactly("kms:Decrypt", "kms:GenerateDataKey");
    JsonNode condition = enclave.get("Condition").get("StringEqualsIgnoreCase");
    assertThat(condition.get("kms:RecipientAttestation:PCR0").stringValue()).isEqualTo(PCR0);
    assertThat(condition.get("kms:RecipientAttestation:PCR8").stringValue()).isEqualTo(PCR8.toLowerCase());
    assertThat(enclave.get("Condition").propertyNames()).containsExactly("StringEqualsIgnoreCase");
  }

  @Test
  void kmsPolicy_adminStatement_administersButNeverDecrypts() {
    JsonNode policy = new ObjectMapper().readTree(run().out());

    JsonNode admin = statement(policy, "AdministerWithoutDecrypt");
    assertThat(admin.get("Principal").get("AWS").stringValue()).isEqualTo(ADMIN);
    assertThat(actions(admin)).contains("kms:PutKeyPolicy", "kms:DescribeKey", "kms:ScheduleKeyDeletion")
        .doesNotContain("kms:Decrypt", "kms:GenerateDataKey", "kms:CreateGrant", "kms:ReEncryptFrom")
        .allMatch(a -> !a.contains("*"), "no wildcard");
    JsonNode deny = statement(policy, "DenyDecryptToAdministrator");
    assertThat(deny.get("Effect").stringValue()).isEqualTo("Deny");
    assertThat(deny.get("Principal").get("AWS").stringValue()).isEqualTo(ADMIN);
    assertThat(actions(deny)).contains("kms:Decrypt", "kms:GenerateDataKey", "kms:CreateGrant");
    assertThat(policy.get("Statement")).hasSize(3);
    assertThat(statement(policy, "EnclaveDecryptWithPinnedPcr0").get("Condition").get("StringEqualsIgnoreCase")
        .has("kms:RecipientAttestation:PCR8")).isFalse();
  }

  @Test
  void kmsPolicy_lock_hasNoAdministratorAndWarnsOnStderr() {
    Cli cli = run("--lock");
    assertThat(cli.exitCode()).as(cli.toString()).isZero();
    JsonNode policy = new ObjectMapper().readTree(cli.out());

    assertThat(policy.get("Statement")).hasSize(1);
    JsonNode only = policy.get("Statement").get(0);
    assertThat(only.get("Sid").stringValue()).isEqualTo("EnclaveDecryptWithPinnedPcr0");
    assertThat(actions(only)).doesNotContain("kms:PutKeyPolicy");
    assertThat(cli.out()).doesNotContain("PutKeyPolicy").doesNotContain(ADMIN);
    assertThat(cli.err()).contains("BypassPolicyLockoutSafetyCheck").contains("IRREVERSIBLE");
  }

  @Test
  void kmsPolicy_badInputs_areUsageErrors() {
    assertThat(Cli.run("keys", "kms-policy", "--pcr0", "ab", "--account", "111122223333", "--enclave-role", ENCLAVE,
        "--admin-role", ADMIN).err()).contains("--pcr0 must be 96 hex digits");
    assertThat(Cli.run("keys", "kms-policy", "--pcr0", "0".repeat(96), "--account", "111122223333", "--enclave-role",
        ENCLAVE, "--admin-role", ADMIN).err()).contains("debug-mode enclave");
    Cli otherAccount = Cli.run("keys", "kms-policy", "--pcr0", PCR0, "--account", "444455556666", "--enclave-role",
        ENCLAVE, "--admin-role", ADMIN);
    assertThat(otherAccount.exitCode()).isEqualTo(2);
    assertThat(otherAccount.err()).contains("--enclave-role is in account 111122223333, not --account 444455556666");
    assertThat(run("--pcr8", "xyz").err()).contains("--pcr8 must be 96 hex digits");
    assertThat(Cli.run("keys", "kms-policy", "--pcr0", PCR0, "--account", "111122223333", "--enclave-role",
        "arn:aws:iam::111122223333:user/alice", "--admin-role", ADMIN).err()).contains("must be an IAM role ARN");
    assertThat(Cli.run("keys", "kms-policy", "--pcr0", PCR0, "--account", "111122223333", "--enclave-role", ADMIN,
        "--admin-role", ADMIN).err()).contains("must differ");
  }
}
