package dev.castellan.authority.totp;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Optional;

/**
 * Where a {@link TotpValidator} finds an operator's secret. {@link SealedTotpSecrets} is the
 * production implementation (sealed files); tests may use a map.
 *
 * <p>Contract: MUST return empty for an operator that is not enrolled and MUST throw (never
 * return empty) when a stored secret exists but cannot be opened, so that a tampered store
 * is an error the operator sees rather than a silent "unknown operator". Messages MUST NOT
 * contain secret bytes.
 */
@FunctionalInterface
public interface TotpSecretSource {
  Optional<TotpSecret> find(String operatorId) throws IOException, GeneralSecurityException;
}
