/**
 * The enclave runtime (seed 003, the Sentient Enclaves Framework, and the supervisor mode of
 * seed 001): what runs inside an enclave or confidential VM around the application. Each
 * component is a subpackage: the service manager ({@code init}), the host-enclave channel
 * ({@code pipeline}), port forwarding ({@code forward}) and the file-system integrity monitor
 * ({@code monitor}).
 *
 * <p>May depend on: castellan-core, castellan-transport (Unix sockets, TCP, AF_VSOCK),
 * castellan-attestation (evidence the inside end presents), castellan-log (where the monitor
 * records changes; jnats with it), BouncyCastle (the monitor's SHA-3), Jackson and the JDK. Not on castellan-server: the server builds on the runtime (the
 * attesting reverse proxy starts its upstream as a unit), never the other way round.
 */
package dev.castellan.runtime;
