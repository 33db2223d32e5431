/**
 * The service manager (seed 003's enclave-init): unit files in the seed's TOML format, started
 * in dependency order, restarted by policy, stopped in reverse, logged to rotated files,
 * controlled by JSON-RPC over a Unix socket or AF_VSOCK, and, as PID 1, reaping orphans.
 * See docs/runtime-init.md.
 *
 * <p>May depend on: castellan-transport (the control socket: Unix with SO_PEERCRED, AF_VSOCK),
 * Jackson (the control protocol's JSON) and the JDK (processes; {@code java.lang.foreign} for
 * waitid/waitpid). Not on castellan-attestation, castellan-log or anything server-side: it is
 * the bottom of the runtime, and the attesting proxy starts its upstream through it. Its
 * {@code internal} package is implementation, not API.
 */
package dev.castellan.runtime.init;
