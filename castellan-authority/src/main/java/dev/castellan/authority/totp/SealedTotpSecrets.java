package dev.castellan.authority.totp;

import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.keys.SealedFile;
import dev.castellan.keys.SealedKeyStore;
import dev.castellan.keys.Sealer;
import dev.castellan.keys.UnsealException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;

/**
 * Operators' TOTP secrets, each sealed to the running code with a castellan-keys {@link
 * Sealer} in its own file {@code <directory>/<operator id>.totp.sealed}, written atomically by
 * {@link SealedKeyStore}. Only ciphertext is written; nothing here logs or prints a secret.
 *
 * <p>What is sealed is {@link SealedTotpRecord} (the operator id and the algorithm, then the
 * secret), so a sealed file renamed to another operator, or read with another algorithm,
 * is refused rather than used. A file that exists but does not unseal is an error ({@link
 * UnsealException}), never "not enrolled": {@link #delete} is the operator's explicit way out.
 */
public final class SealedTotpSecrets implements TotpSecretSource {
  static final String SUFFIX = ".totp.sealed";

  private final Path directory;
  private final Sealer sealer;
  private final TotpAlgorithm algorithm;

  public SealedTotpSecrets(Path directory, Sealer sealer, TotpAlgorithm algorithm) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.sealer = Objects.requireNonNull(sealer, "sealer");
    this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
  }

  /** The algorithm of every secret in this store. */
  public TotpAlgorithm algorithm() {
    return algorithm;
  }

  /** The sealed file of {@code operatorId}. */
  public Path file(String operatorId) {
    return directory.resolve(Identifiers.require(operatorId, "operator id") + SUFFIX);
  }

  /** Whether {@code operatorId} has a sealed secret. */
  public boolean enrolled(String operatorId) {
    return Files.exists(file(operatorId));
  }

  @Override
  public Optional<TotpSecret> find(String operatorId) throws IOException, GeneralSecurityException {
    Path file = file(operatorId);
    Optional<byte[]> sealed = SealedFile.read(file);
    if (sealed.isEmpty()) {
      return Optional.empty();
    }
    SecretBytes record;
    try {
      record = sealer.unseal(sealed.get());
    } catch (UnsealException e) {
      throw new UnsealException("cannot unseal " + file.getFileName() + ": " + e.getMessage());
    }
    return Optional.of(SealedTotpRecord.open(record, operatorId, algorithm, file.getFileName().toString()));
  }

  /**
   * Generates a secret for {@code operatorId} from {@code random}, seals and stores it.
   *
   * @throws TotpEnrolmentException if the operator is already enrolled (the stored secret is
   *     left as it is and never shown again)
   */
  public synchronized TotpSecret enrol(String operatorId, SecureRandom random)
      throws IOException, GeneralSecurityException {
    Path file = file(operatorId);
    TotpSecret secret = TotpSecret.generate(algorithm, random);
    SealedKeyStore.Loaded loaded =
        new SealedKeyStore(file, sealer).loadOrGenerate(() -> SealedTotpRecord.frame(operatorId, secret));
    loaded.secret().destroy();
    if (!loaded.created()) {
      secret.destroy();
      throw new TotpEnrolmentException("operator is already enrolled; delete " + file.getFileName() + " to enrol again");
    }
    return secret;
  }

  /** Removes the sealed secret of {@code operatorId}; true if there was one. */
  public synchronized boolean delete(String operatorId) throws IOException {
    return Files.deleteIfExists(file(operatorId));
  }
}
