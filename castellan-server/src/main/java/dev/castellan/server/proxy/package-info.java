/**
 * The attesting reverse proxy (seed 001's supervisor, nitriding-compatible): the oracle in
 * supervisor mode starts the application as a unit of the runtime's service manager, forwards
 * every request the oracle does not answer itself to it, and signs every answer with the
 * oracle's response signatures; the application registers its own key hash as {@code
 * appKeyHash} on a loopback-only listener ({@code POST /enclave/hash}). See docs/proxy.md.
 *
 * <p>May depend on: castellan-server's {@code http} and {@code oracle} packages (the front,
 * the router that signs, the extension hook), castellan-runtime's {@code init} (the service
 * manager), castellan-core (hex) and the JDK ({@code java.net.http} for the upstream). Nothing
 * in the oracle depends on it: the oracle knows only {@link
 * dev.castellan.server.oracle.OracleExtension}.
 */
package dev.castellan.server.proxy;
