package dev.castellan.cli;

import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.PolicyException;
import dev.castellan.attestation.SafeText;
import dev.castellan.attestation.SnpClaims.Tcb;
import dev.castellan.attestation.TdxClaims.TcbStatus;
import dev.castellan.attestation.policy.AppraisalPolicy;
import dev.castellan.attestation.policy.NitroReference;
import dev.castellan.attestation.policy.TdxReference;
import dev.castellan.attestation.policy.TpmReference;
import dev.castellan.core.bytes.Hex;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The frequent reference values as flags, on top of {@code --policy} (the rest of the policy
 * keys are in docs/policy/). A pinning flag narrows what the policy accepts for that value;
 * where the policy already lists values, each flag value must be one of them (the flag
 * selects, it never adds). {@code --accept-tcb-status} widens. Only the flags that apply to
 * the evidence's platform matter to the verdict.
 */
public final class ReferenceValueOptions {
  @Option(names = "--mrtd", paramLabel = "HEX", description = "TDX: the MRTD you expect (96 hex digits); repeatable.")
  List<String> mrtd = new ArrayList<>();

  @Option(names = "--rtmr", paramLabel = "N=HEX", description = "TDX: RTMR N (0-3) must be HEX (96 hex digits); repeatable.")
  List<String> rtmrs = new ArrayList<>();

  @Option(names = "--pcr", paramLabel = "N=HEX",
      description = "PCR N must be HEX; repeatable. By length: 48 bytes pins Nitro PCR N (0-31) and the TPM SHA-384"
          + " bank, 32 bytes the TPM SHA-256 bank, 20 bytes the TPM SHA-1 bank.")
  List<String> pcrs = new ArrayList<>();

  @Option(names = "--min-tcb", paramLabel = "bl=N,tee=N,snp=N,ucode=N[,fmc=N]",
      description = "SEV-SNP: the minimum REPORTED_TCB, component-wise (components left out are 0).")
  String minTcb;

  @Option(names = "--accept-tcb-status", paramLabel = "STATUS",
      description = "TDX and SGX: also accept this TCB status (UpToDate is accepted by default), e.g."
          + " SWHardeningNeeded; repeatable.")
  List<String> acceptTcbStatus = new ArrayList<>();

  @Option(names = "--max-age", paramLabel = "DURATION",
      description = "Nitro: the maximum document age at the verification time (--at), e.g. 300, 90s, 5m or PT5M"
          + " (default 5m).")
  String maxAge;

  /** {@code policy} with these flags applied. */
  AppraisalPolicy apply(AppraisalPolicy policy) throws PolicyException {
    if (!mrtd.isEmpty()) {
      List<ByteString> values = new ArrayList<>();
      for (String hex : mrtd) {
        values.add(PolicyOptions.within("TDX MRTD", policy.tdx().mrTd(), ByteString.of(hex("--mrtd", hex, 48))));
      }
      policy = policy.withTdx(policy.tdx().withMrTd(values));
    }
    for (Map.Entry<Integer, List<ByteString>> rtmr : registers("--rtmr", rtmrs, 3).entrySet()) {
      TdxReference tdx = policy.tdx();
      List<ByteString> allowed = tdx.rtmrs().getOrDefault(rtmr.getKey(), List.of());
      for (ByteString value : rtmr.getValue()) {
        requireLength("--rtmr", value, 48);
        PolicyOptions.within("TDX RTMR" + rtmr.getKey(), allowed, value);
      }
      policy = policy.withTdx(tdx.withRtmr(rtmr.getKey(), rtmr.getValue()));
    }
    policy = applyPcrs(policy);
    if (minTcb != null) {
      policy = policy.withSnp(policy.snp().withMinimumTcb(tcb(minTcb)));
    }
    if (!acceptTcbStatus.isEmpty()) {
      EnumSet<TcbStatus> tdx = EnumSet.copyOf(policy.tdx().allowedTcbStatuses());
      EnumSet<TcbStatus> sgx = EnumSet.copyOf(policy.sgx().allowedTcbStatuses());
      for (String name : acceptTcbStatus) {
        TcbStatus status;
        try {
          status = TdxReference.tcbStatus(name);
        } catch (PolicyException e) {
          throw new IllegalArgumentException("--accept-tcb-status " + SafeText.escape(name)
              + " is not a TCB status (e.g. UpToDate, SWHardeningNeeded, ConfigurationNeeded, OutOfDate)");
        }
        tdx.add(status);
        sgx.add(status);
      }
      policy = policy.withTdx(policy.tdx().withAllowedTcbStatuses(tdx))
          .withSgx(policy.sgx().withAllowedTcbStatuses(sgx));
    }
    if (maxAge != null) {
      policy = policy.withNitro(policy.nitro().withMaxAge(duration(maxAge)));
    }
    return policy;
  }

  private AppraisalPolicy applyPcrs(AppraisalPolicy policy) {
    for (Map.Entry<Integer, List<ByteString>> pcr : registers("--pcr", pcrs, 31).entrySet()) {
      int index = pcr.getKey();
      Map<String, List<ByteString>> byBank = new LinkedHashMap<>();
      for (ByteString value : pcr.getValue()) {
        String bank = switch (value.length()) {
          case 20 -> "sha1";
          case 32 -> "sha256";
          case 48 -> "sha384";
          default -> throw new IllegalArgumentException("--pcr " + index + "=...: a PCR value is 20, 32 or 48 bytes,"
              + " got " + value.length());
        };
        byBank.computeIfAbsent(bank, b -> new ArrayList<>()).add(value);
      }
      for (Map.Entry<String, List<ByteString>> bank : byBank.entrySet()) {
        if (bank.getKey().equals("sha384")) {
          NitroReference nitro = policy.nitro();
          for (ByteString value : bank.getValue()) {
            PolicyOptions.within("Nitro PCR" + index, nitro.pcrs().getOrDefault(index, List.of()), value);
          }
          policy = policy.withNitro(nitro.withPcr(index, bank.getValue()));
        }
        if (index <= 23) {
          TpmReference tpm = policy.tpm();
          policy = policy.withTpm(tpm.withPcr(bank.getKey(), index, bank.getValue()));
        } else if (!bank.getKey().equals("sha384")) {
          throw new IllegalArgumentException("--pcr " + index + ": a TPM has PCRs 0-23");
        }
      }
    }
    return policy;
  }

  /** {@code N=HEX} values by index, in order, each index at most {@code maxIndex}. */
  private static Map<Integer, List<ByteString>> registers(String option, List<String> specs, int maxIndex) {
    Map<Integer, List<ByteString>> out = new LinkedHashMap<>();
    for (String spec : specs) {
      int eq = spec.indexOf('=');
      int index;
      try {
        index = eq < 1 ? -1 : Integer.parseInt(spec.substring(0, eq));
      } catch (NumberFormatException e) {
        index = -1;
      }
      if (index < 0 || index > maxIndex) {
        throw new IllegalArgumentException(option + " must be N=HEX with N from 0 to " + maxIndex);
      }
      out.computeIfAbsent(index, i -> new ArrayList<>()).add(ByteString.of(hex(option, spec.substring(eq + 1), -1)));
    }
    return out;
  }

  /** Hex of {@code length} bytes ({@code -1}: any), with or without {@code 0x}. */
  private static byte[] hex(String option, String text, int length) {
    String digits = text.trim();
    if (digits.startsWith("0x") || digits.startsWith("0X")) {
      digits = digits.substring(2);
    }
    byte[] bytes;
    try {
      bytes = Hex.decode(digits);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + " must be hex: " + e.getMessage());
    }
    if (length >= 0 && bytes.length != length) {
      throw new IllegalArgumentException(option + " must be " + length + " bytes (" + 2 * length + " hex digits), got "
          + bytes.length);
    }
    return bytes;
  }

  private static void requireLength(String option, ByteString value, int length) {
    if (value.length() != length) {
      throw new IllegalArgumentException(option + " values must be " + length + " bytes, got " + value.length());
    }
  }

  /** {@code bl=3,tee=0,snp=8,ucode=115[,fmc=1]}; components left out are 0, FMC left out is not compared. */
  static Tcb tcb(String spec) {
    Map<String, Integer> parts = new LinkedHashMap<>();
    for (String part : spec.split(",", -1)) {
      String[] kv = part.trim().split("=", -1);
      String key = kv[0].toLowerCase(Locale.ROOT);
      if (kv.length != 2 || !List.of("bl", "tee", "snp", "ucode", "fmc").contains(key) || parts.containsKey(key)) {
        throw new IllegalArgumentException("--min-tcb must be bl=N,tee=N,snp=N,ucode=N[,fmc=N], each at most once");
      }
      int value;
      try {
        value = Integer.parseInt(kv[1].trim());
      } catch (NumberFormatException e) {
        value = -1;
      }
      if (value < 0 || value > 255) {
        throw new IllegalArgumentException("--min-tcb " + key + " must be 0 to 255");
      }
      parts.put(key, value);
    }
    return new Tcb(0, parts.getOrDefault("bl", 0), parts.getOrDefault("tee", 0), parts.getOrDefault("snp", 0),
        parts.getOrDefault("ucode", 0), parts.getOrDefault("fmc", -1));
  }

  static Duration duration(String text) {
    return duration("--max-age", text);
  }

  /** {@code 300} (seconds), {@code 90s}, {@code 5m}, {@code 1h} or ISO-8601 {@code PT5M}; positive, at most a day. */
  public static Duration duration(String option, String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    Duration d;
    try {
      if (t.startsWith("pt")) {
        d = Duration.parse(t.toUpperCase(Locale.ROOT));
      } else if (t.endsWith("h")) {
        d = Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
      } else if (t.endsWith("m")) {
        d = Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
      } else if (t.endsWith("s")) {
        d = Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
      } else {
        d = Duration.ofSeconds(Long.parseLong(t));
      }
    } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
      throw new IllegalArgumentException(option + " must be a duration such as 300, 90s, 5m or PT5M");
    }
    if (d.isNegative() || d.isZero() || d.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException(option + " must be positive and at most a day");
    }
    return d;
  }
}
