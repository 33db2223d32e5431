/**
 * AWS KMS for real Nitro enclaves (docs/kms.md): {@link dev.castellan.keys.kms.KmsClient}
 * calls {@code Decrypt} and {@code GenerateDataKey} with the {@code Recipient} attestation
 * parameter over HTTPS, signed with Signature Version 4; {@link
 * dev.castellan.keys.kms.KmsRecipient} is the enclave's ephemeral RSA key, carried in the
 * attestation document's {@code public_key}, that opens the CMS EnvelopedData KMS answers with
 * ({@code CiphertextForRecipient}); {@link dev.castellan.keys.kms.KmsSealer} seals the oracle's
 * key with them, so that only an enclave whose PCR0 the key policy pins can unseal it.
 *
 * <p>May depend on: castellan-core (bytes, hashes), castellan-attestation ({@code TeeDevice}
 * only), the JDK's {@code java.net.http}, BouncyCastle's ASN.1 classes (bcprov/bcpkix, parsing
 * only: all cryptography goes through the JCA) and Jackson. Nothing server-side.
 *
 * <p>Tests run against a fake KMS on loopback that exists only in the tests; the real AWS
 * service is not exercised here.
 */
package dev.castellan.keys.kms;
