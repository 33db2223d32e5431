package dev.castellan.attestation.nitro;

import dev.castellan.attestation.DeviceUnavailableException;

/**
 * The Nitro Secure Module as a request/response channel: one CBOR request in, one CBOR
 * response out (the kernel's {@code NSM_IOCTL_RAW}). {@link NsmIoctl} is the real device;
 * tests and the simulator provide others.
 */
public interface NsmDevice extends AutoCloseable {
  /** Largest request the driver accepts ({@code NSM_REQUEST_MAX_SIZE}). */
  int MAX_REQUEST = 0x1000;

  /** Largest response the driver returns ({@code NSM_RESPONSE_MAX_SIZE}). */
  int MAX_RESPONSE = 0x3000;

  /**
   * Sends {@code request} and returns the response bytes.
   *
   * @throws DeviceUnavailableException if the device fails
   */
  byte[] exchange(byte[] request) throws DeviceUnavailableException;

  @Override
  void close();
}
