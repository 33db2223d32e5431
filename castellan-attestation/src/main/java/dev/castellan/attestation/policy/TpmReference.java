package dev.castellan.attestation.policy;

import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.PolicyException;
import dev.castellan.attestation.SafeText;
import dev.castellan.attestation.TpmClaims;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Reference values for TPM 2.0 quotes (TPM 2.0 Library Part 2, TPMS_QUOTE_INFO; TCG PC Client
 * Platform Firmware Profile for what each PCR measures).
 *
 * <ul>
 *   <li>{@code pcrs}: allowed values per bank and PCR index. The banks are named by their
 *       hash ({@code sha1}, {@code sha256}, {@code sha384}, {@code sha512}; TPM_ALG_ID
 *       0x0004, 0x000b, 0x000c, 0x000d), indexes 0..23, each value exactly the bank's digest
 *       length. Each pinned PCR is {@code policy.tpm.pcr.<bank>.<index>}; together they are
 *       the measurement, {@code policy.tpm.measurement}, which is SKIP (refused by default)
 *       when no PCR is pinned in any bank. A pinned PCR that the quote does not cover fails.
 *   <li>{@code requireAkCertificate}: the AK MUST chain by certificate to a configured TPM
 *       root ({@code policy.tpm.ak-certificate}); otherwise a chainless AK is acceptable only
 *       if the caller pinned it (see {@code TpmVerifier}).
 * </ul>
 *
 * <p>JSON: {@code {"pcrs": {"sha256": {"7": ["<64 hex>"]}, "sha1": {"0": ["<40 hex>"]}},
 * "requireAkCertificate": true}}. The former spelling {@code "sha256Pcrs": {"7": [...]}} is
 * still read as {@code pcrs.sha256}; giving both is an error.
 *
 * @param pcrs allowed values per bank name, then per PCR index
 * @param requireAkCertificate whether the AK must chain to a pinned root by certificate
 */
public record TpmReference(
    SortedMap<String, SortedMap<Integer, List<ByteString>>> pcrs, boolean requireAkCertificate) {
  /** Largest PCR index of a PC Client TPM (24 PCRs). */
  public static final int MAX_PCR_INDEX = 23;

  /** Bank name to TPM_ALG_ID, in the order checks are reported. */
  private static final Map<String, Integer> BANK_IDS =
      Map.of("sha1", 0x0004, "sha256", 0x000b, "sha384", 0x000c, "sha512", 0x000d);

  private static final Map<String, Integer> BANK_SIZES = Map.of("sha1", 20, "sha256", 32, "sha384", 48, "sha512", 64);

  private static final Map<String, String> BANK_LABELS =
      Map.of("sha1", "SHA-1 PCR", "sha256", "SHA-256 PCR", "sha384", "SHA-384 PCR", "sha512", "SHA-512 PCR");

  private static final List<String> BANKS = List.of("sha1", "sha256", "sha384", "sha512");

  public TpmReference {
    TreeMap<String, SortedMap<Integer, List<ByteString>>> copy = new TreeMap<>();
    pcrs.forEach((bank, registers) -> {
      Integer size = BANK_SIZES.get(bank);
      if (size == null) {
        throw new IllegalArgumentException("unknown TPM PCR bank " + SafeText.escape(bank) + "; one of " + BANKS);
      }
      TreeMap<Integer, List<ByteString>> values = new TreeMap<>();
      registers.forEach((index, allowed) -> {
        if (index < 0 || index > MAX_PCR_INDEX) {
          throw new IllegalArgumentException("TPM PCR index must be 0.." + MAX_PCR_INDEX + ", got " + index);
        }
        for (ByteString value : allowed) {
          if (value.length() != size) {
            throw new IllegalArgumentException("a " + bank + " PCR value is " + size + " bytes, got " + value.length());
          }
        }
        values.put(index, List.copyOf(allowed));
      });
      if (!values.isEmpty()) {
        copy.put(bank, Collections.unmodifiableSortedMap(values));
      }
    });
    pcrs = Collections.unmodifiableSortedMap(copy);
  }

  /** No reference values; an AK certificate is not required. */
  public static TpmReference any() {
    return new TpmReference(new TreeMap<>(), false);
  }

  /** This reference with PCR {@code index} of {@code bank} allowed only {@code values} (replacing any). */
  public TpmReference withPcr(String bank, int index, List<ByteString> values) {
    TreeMap<String, SortedMap<Integer, List<ByteString>>> next = new TreeMap<>(pcrs);
    TreeMap<Integer, List<ByteString>> registers = new TreeMap<>(pcrs.getOrDefault(bank, new TreeMap<>()));
    registers.put(index, values);
    next.put(bank, registers);
    return new TpmReference(next, requireAkCertificate);
  }

  public TpmReference withRequireAkCertificate(boolean require) {
    return new TpmReference(pcrs, require);
  }

  /** The allowed values of the SHA-256 bank (the former {@code sha256Pcrs}). */
  public SortedMap<Integer, List<ByteString>> sha256Pcrs() {
    return pcrs.getOrDefault("sha256", Collections.emptySortedMap());
  }

  static TpmReference fromJson(JsonNode node) throws PolicyException {
    PolicyJson.allowOnly(node, "tpm", "pcrs", "sha256Pcrs", "requireAkCertificate");
    TreeMap<String, SortedMap<Integer, List<ByteString>>> pcrs = new TreeMap<>();
    JsonNode banks = node.get("pcrs");
    if (banks != null) {
      PolicyJson.allowOnly(banks, "tpm.pcrs", BANKS.toArray(String[]::new));
      for (String bank : BANKS) {
        pcrs.put(bank, PolicyJson.registerMap(banks, bank, MAX_PCR_INDEX, BANK_SIZES.get(bank)));
      }
    }
    if (node.get("sha256Pcrs") != null) {
      if (banks != null && banks.get("sha256") != null) {
        throw new PolicyException(PolicyJson.CHECK, "tpm.sha256Pcrs and tpm.pcrs.sha256 both given; use tpm.pcrs.sha256");
      }
      pcrs.put("sha256", PolicyJson.registerMap(node, "sha256Pcrs", MAX_PCR_INDEX, 32));
    }
    return new TpmReference(pcrs, PolicyJson.bool(node, "requireAkCertificate", false));
  }

  /** The measurement, one check per pinned PCR, the unpinned banks, then the AK rule. */
  public List<Check> appraise(TpmClaims claims) {
    ReferenceChecks registers = new ReferenceChecks("tpm");
    for (String bank : BANKS) {
      SortedMap<Integer, ByteString> quoted =
          claims.pcrs().getOrDefault(BANK_IDS.get(bank), Collections.emptySortedMap());
      registers.registers("pcr." + bank, BANK_LABELS.get(bank),
          pcrs.getOrDefault(bank, Collections.emptySortedMap()), i -> Optional.ofNullable(quoted.get(i)));
    }
    List<Check> pcrChecks = registers.result();
    List<Check> out = new ArrayList<>();
    // The pinned PCRs are the measurement: without any, nothing about the boot was compared.
    if (pcrs.isEmpty()) {
      out.add(Check.skip("policy.tpm.measurement", "no PCR pinned in any bank: no reference value configured"));
    } else {
      int pinned = pcrs.values().stream().mapToInt(Map::size).sum();
      boolean all = pcrChecks.stream().filter(c -> !c.skipped()).allMatch(Check::passed);
      out.add(Check.of("policy.tpm.measurement", all, pinned + " pinned PCR" + (pinned == 1 ? " " : "s ")
          + (all ? "all match" : "do not all match") + " (policy.tpm.pcr.<bank>.<index>)"));
    }
    out.addAll(pcrChecks);
    if (requireAkCertificate) {
      out.add(claims.akCertified()
          ? Check.pass("policy.tpm.ak-certificate", "AK is certified by a pinned root")
          : Check.fail("policy.tpm.ak-certificate", "AK has no certificate chain to a pinned root"));
    }
    return out;
  }
}
