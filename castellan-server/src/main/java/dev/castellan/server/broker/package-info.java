/**
 * The key broker's HTTP service (docs/broker.md): the routes under {@code /v1/broker/} on the
 * same HTTP front as the oracle ({@link dev.castellan.server.http.Router}, its limits, Host and
 * Origin rules and response signatures), administration authorized by capability tokens of the
 * data directory's authority ({@link dev.castellan.server.auth.ServiceTokens}), and every
 * decision of {@link dev.castellan.keys.broker.KeyBroker} a signed record in the broker's
 * transparency log.
 */
package dev.castellan.server.broker;
