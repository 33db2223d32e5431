/**
 * The point-to-point transport (DESIGN.md, "three abstractions shared across layers"):
 * connections that carry bounded, length-prefixed frames and say who the peer is, over a
 * Unix domain socket (peer identity from {@code SO_PEERCRED}), TCP with mutual TLS (peer
 * identity from its certificate) or AF_VSOCK through FFM (peer identity from its CID).
 *
 * <p>Layer: depends on {@code castellan-core} and the JDK only. The token protocol, the
 * host-enclave channel, port forwarding, migration and replica key sync run over it; it
 * knows nothing of what the frames mean.
 */
package dev.castellan.transport;
