/**
 * TLS as Castellan's clients use it: a server is trusted because its key is pinned (attested,
 * or printed by the service), never because a certificate authority vouches for it. Depends on
 * the JDK and {@code dev.castellan.core.bytes}/{@code hash} only.
 */
package dev.castellan.core.tls;
