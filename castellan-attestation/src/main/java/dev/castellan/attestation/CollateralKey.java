package dev.castellan.attestation;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Names one piece of collateral a verifier needs: for example {@code (SEV_SNP, "vcek",
 * "<chip id hex>")}, {@code (TDX, "tcb-info", "<fmspc hex>")}. Kinds are restricted to
 * {@code [A-Za-z0-9][A-Za-z0-9._-]{0,127}}, ids to {@code [A-Za-z0-9][A-Za-z0-9._-]{0,190}} (or
 * empty; long enough for {@code <product>.<TCB hex>.<chip id hex>}), so both are safe as file
 * names.
 *
 * @param platform the platform the collateral belongs to
 * @param kind what it is, lower-case, e.g. {@code vcek}, {@code vlek}, {@code tcb-info}
 * @param id which one, e.g. a chip id or FMSPC in hex; empty for "the one for this evidence"
 */
public record CollateralKey(Platform platform, String kind, String id) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,190}");

  public CollateralKey {
    Objects.requireNonNull(platform, "platform");
    if (!NAME.matcher(kind).matches()) {
      throw new IllegalArgumentException("invalid collateral kind");
    }
    if (!id.isEmpty() && !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("invalid collateral id");
    }
  }

  /** A key with an empty id. */
  public static CollateralKey of(Platform platform, String kind) {
    return new CollateralKey(platform, kind, "");
  }

  /** The same platform and kind with an empty id. */
  public CollateralKey generic() {
    return id.isEmpty() ? this : new CollateralKey(platform, kind, "");
  }
}
