package dev.castellan.attestation.tsm;

import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.Evidence;
import java.util.Objects;
import java.util.Optional;

/**
 * One configfs-tsm report: the evidence ({@code outblob}) and, where the host supplied one,
 * the auxiliary blob ({@code auxblob}; for SEV-SNP the certificate table, see {@code
 * snp.SnpCertificateTable}).
 *
 * @param evidence the report or quote
 * @param auxblob the auxiliary data, if any
 */
public record TsmReport(Evidence evidence, Optional<ByteString> auxblob) {
  public TsmReport {
    Objects.requireNonNull(evidence, "evidence");
    Objects.requireNonNull(auxblob, "auxblob");
  }
}
