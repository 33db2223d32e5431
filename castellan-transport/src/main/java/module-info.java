/**
 * Castellan transport: bounded, length-prefixed frames over Unix domain sockets, TCP with
 * mutual TLS and AF_VSOCK, each saying who the peer is. Implementation lives in
 * {@code dev.castellan.transport.internal}, which is not exported.
 */
module dev.castellan.transport {
  requires transitive dev.castellan.core;

  exports dev.castellan.transport;
}
