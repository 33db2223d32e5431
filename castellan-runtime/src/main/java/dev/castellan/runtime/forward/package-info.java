/**
 * Port forwarding (seed 003's pf-proxy): a {@link dev.castellan.runtime.forward.Forwarder}
 * accepts raw byte streams on one address and relays each to a target address, both ends any
 * of TCP, Unix and AF_VSOCK ({@code ip-to-vsock} on the host, {@code vsock-to-ip} inside the
 * enclave), with bounded buffers, half-close, a connection limit, connect and idle timeouts
 * and counters. docs/forward.md describes the semantics and limits.
 *
 * <p>May depend on: castellan-transport (its raw {@code StreamSockets}; no frames, no peer
 * authentication: a forwarder relays whatever the two ends speak, typically TLS end to end)
 * and the JDK. Not on attestation, the log or anything else in the runtime.
 */
package dev.castellan.runtime.forward;
