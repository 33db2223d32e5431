/**
 * The remote-attestation web API of seed 003 ({@code ra-web-srv}), served under {@code /ra/}
 * beside the oracle's routes as an {@link dev.castellan.server.oracle.OracleExtension}: SHA-3-512
 * hashes of the files under a configured root, an RFC 9381 ECVRF proof over each hash, and one
 * attestation document per file whose user data binds the hash and the VRF output
 * ({@link dev.castellan.server.ra.RaUserData}); read and verify routes; PCRs, the NSM
 * description and random bytes. The contract is docs/ra-api.md.
 *
 * <p>May depend on: castellan-core (ECVRF, hashing, hex), castellan-attestation (the device's
 * evidence and the same Nitro verifier as {@code castellan attest verify}), castellan-keys (the
 * sealed VRF key), castellan-runtime's integrity monitor (its streaming {@code FileHasher}, its
 * hash stores and NATS key encoding), jnats, Jackson, and this module's {@code http}, {@code
 * auth} and {@code oracle} packages. Nothing in the server depends on it but the CLI that
 * mounts it.
 */
package dev.castellan.server.ra;
