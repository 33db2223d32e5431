package dev.castellan.cli.keys;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Seed 001's KMS key policy as data (AWS KMS Developer Guide, "Key policies" and "Condition keys
 * for AWS Nitro Enclaves"): the enclave role may {@code kms:Decrypt} and {@code
 * kms:GenerateDataKey} only when the Recipient attestation's PCR0 (and PCR8) equal the pinned
 * values; the administrator role gets an explicit list of management actions, never {@code
 * kms:Decrypt}, the data-key operations or {@code kms:CreateGrant}, and an explicit deny of them
 * besides. The locked variant has no administrator at all: nobody can call {@code
 * kms:PutKeyPolicy} or {@code kms:ScheduleKeyDeletion} afterwards.
 */
final class KmsKeyPolicy {
  /** Management without any cryptographic use; no wildcard, so nothing new slips in. */
  static final List<String> ADMIN_ACTIONS = List.of(
      "kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListAliases", "kms:ListGrants",
      "kms:ListKeyPolicies", "kms:ListResourceTags", "kms:PutKeyPolicy", "kms:CreateAlias", "kms:UpdateAlias",
      "kms:DeleteAlias", "kms:UpdateKeyDescription", "kms:EnableKey", "kms:DisableKey", "kms:EnableKeyRotation",
      "kms:DisableKeyRotation", "kms:RevokeGrant", "kms:TagResource", "kms:UntagResource",
      "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion");

  /** What the administrator must never do: use the key, or let someone else use it. */
  static final List<String> DENIED_TO_ADMIN = List.of(
      "kms:Decrypt", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:GenerateDataKeyPair",
      "kms:GenerateDataKeyPairWithoutPlaintext", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:CreateGrant");

  static final List<String> ENCLAVE_ACTIONS = List.of("kms:Decrypt", "kms:GenerateDataKey");

  private KmsKeyPolicy() {}

  static Map<String, Object> policy(String account, String pcr0, Optional<String> pcr8, String enclaveRole,
      String adminRole, boolean lock) {
    List<Object> statements = new ArrayList<>();
    if (!lock) {
      statements.add(statement("AdministerWithoutDecrypt", "Allow", adminRole, ADMIN_ACTIONS, null));
      statements.add(statement("DenyDecryptToAdministrator", "Deny", adminRole, DENIED_TO_ADMIN, null));
    }
    Map<String, String> pcrs = new LinkedHashMap<>();
    pcrs.put("kms:RecipientAttestation:PCR0", pcr0);
    pcr8.ifPresent(value -> pcrs.put("kms:RecipientAttestation:PCR8", value));
    statements.add(statement("EnclaveDecryptWithPinnedPcr0", "Allow", enclaveRole, ENCLAVE_ACTIONS,
        Map.of("StringEqualsIgnoreCase", pcrs)));
    Map<String, Object> policy = new LinkedHashMap<>();
    policy.put("Version", "2012-10-17");
    policy.put("Id", (lock ? "castellan-kms-locked-" : "castellan-kms-") + account);
    policy.put("Statement", statements);
    return policy;
  }

  private static Map<String, Object> statement(String sid, String effect, String principal, List<String> actions,
      Map<String, ?> condition) {
    Map<String, Object> statement = new LinkedHashMap<>();
    statement.put("Sid", sid);
    statement.put("Effect", effect);
    statement.put("Principal", Map.of("AWS", principal));
    statement.put("Action", actions);
    statement.put("Resource", "*");
    if (condition != null) {
      statement.put("Condition", condition);
    }
    return statement;
  }
}
