/**
 * Implementation of the transports: the frame codec over a byte stream with deadlines, the
 * libc downcalls (FFM) behind Unix domain sockets and AF_VSOCK, and the JSSE adapter for TLS.
 * Not exported.
 */
package dev.castellan.transport.internal;
