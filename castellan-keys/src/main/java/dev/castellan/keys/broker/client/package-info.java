/**
 * The caller's side of the key broker: {@link dev.castellan.keys.broker.client.BrokerSealer}, a
 * {@link dev.castellan.keys.Sealer} whose seal is the broker's {@code encrypt} and whose unseal
 * is challenge, evidence from the {@link dev.castellan.attestation.TeeDevice}, {@code decrypt}
 * and HPKE open (docs/broker.md). Depends on {@link dev.castellan.keys.broker.BrokerProtocol}
 * for the bytes both sides compute, the JDK's HTTP client and Jackson; never on the server.
 * HTTPS only, the broker's TLS key pinned by its SubjectPublicKeyInfo SHA-256: no certificate
 * authority and no trust-all manager.
 */
package dev.castellan.keys.broker.client;
