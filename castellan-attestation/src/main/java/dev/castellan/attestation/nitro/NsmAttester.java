package dev.castellan.attestation.nitro;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.Attester;
import dev.castellan.attestation.DeviceUnavailableException;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.MalformedEvidenceException;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.SafeText;
import dev.castellan.core.cbor.Cbor;
import dev.castellan.core.cbor.CborException;
import dev.castellan.core.cbor.CborLimits;
import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborSimple;
import dev.castellan.core.cbor.CborText;
import dev.castellan.core.cbor.CborValue;
import java.util.Map;
import java.util.Objects;

/**
 * The Nitro {@link Attester}: speaks the Nitro Secure Module's CBOR protocol
 * (aws-nitro-enclaves-nsm-api {@code Request}/{@code Response}, Serde's externally tagged
 * enums) over an {@link NsmDevice}: {@code Attestation}, {@code DescribePCR}, {@code
 * ExtendPCR}, {@code LockPCR} and {@code GetRandom}.
 *
 * <p>Contract: an NSM {@code Error} response, or any response that is not the expected
 * variant, raises an exception; {@link #attest} binds the challenge as the document's
 * {@code nonce}.
 */
public final class NsmAttester implements Attester, AutoCloseable {
  /** A response nests 3 deep; bounded by the driver's response size. */
  private static final CborLimits LIMITS =
      CborLimits.WELL_FORMED.withMaxInputBytes(NsmDevice.MAX_RESPONSE).withMaxDepth(8);

  private final NsmDevice device;

  private NsmAttester(NsmDevice device) {
    this.device = Objects.requireNonNull(device, "device");
  }

  /**
   * The attester on {@code /dev/nsm}.
   *
   * @throws DeviceUnavailableException naming {@code /dev/nsm} when not inside a Nitro enclave
   */
  public static NsmAttester open() throws DeviceUnavailableException {
    return new NsmAttester(NsmIoctl.open(NsmIoctl.DEFAULT_PATH));
  }

  /** The attester on another device (a test double, a proxy to the simulator). */
  public static NsmAttester over(NsmDevice device) {
    return new NsmAttester(device);
  }

  @Override
  public Platform platform() {
    return Platform.NITRO;
  }

  /** A document with {@code nonce = challenge}. */
  @Override
  public Evidence attest(byte[] challenge) throws AttestationException {
    return attest(null, challenge, null);
  }

  /** A document carrying the given optional fields (null means absent). */
  public Evidence attest(byte[] userData, byte[] nonce, byte[] publicKey) throws AttestationException {
    CborMap request = CborMap.builder()
        .put("user_data", orNull(userData))
        .put("nonce", orNull(nonce))
        .put("public_key", orNull(publicKey))
        .build();
    CborMap body = call("Attestation", request);
    return Evidence.of(Platform.NITRO, bytes(body, "document"));
  }

  /** The current value of PCR {@code index} and whether it is locked. */
  public PcrState describePcr(int index) throws AttestationException {
    CborMap body = call("DescribePCR", CborMap.builder().put("index", index).build());
    try {
      return new PcrState(body.require("lock").asBoolean(), bytes(body, "data"));
    } catch (CborException e) {
      throw malformed("DescribePCR response lacks lock");
    }
  }

  /** Extends PCR {@code index} with {@code data}; returns the new value. */
  public byte[] extendPcr(int index, byte[] data) throws AttestationException {
    CborMap body = call("ExtendPCR", CborMap.builder().put("index", index).put("data", CborValue.of(data)).build());
    return bytes(body, "data");
  }

  /** Locks PCR {@code index} against further extension. */
  public void lockPcr(int index) throws AttestationException {
    CborValue response = exchange(CborMap.builder().put("LockPCR", CborMap.builder().put("index", index).build()).build());
    if (!(response instanceof CborText(String variant)) || !variant.equals("LockPCR")) {
      expectVariant(response, "LockPCR");
    }
  }

  /** Random bytes from the NSM's hardware source. */
  public byte[] random() throws AttestationException {
    CborMap body = variant(exchange(CborValue.of("GetRandom")), "GetRandom");
    return bytes(body, "random");
  }

  /** A PCR's value and lock state. */
  public record PcrState(boolean locked, byte[] value) {}

  private CborMap call(String name, CborMap arguments) throws AttestationException {
    return variant(exchange(CborMap.builder().put(name, arguments).build()), name);
  }

  private CborValue exchange(CborValue request) throws AttestationException {
    byte[] response = device.exchange(Cbor.encode(request));
    try {
      return Cbor.decode(response, LIMITS);
    } catch (CborException e) {
      throw malformed("NSM response is not well-formed CBOR");
    }
  }

  private static CborMap variant(CborValue response, String name) throws AttestationException {
    expectVariant(response, name);
    try {
      return response.asMap().require(name).asMap();
    } catch (CborException e) {
      throw malformed("NSM " + name + " response has no body");
    }
  }

  /** Throws unless {@code response} is {@code {name: ...}} or the text {@code name}. */
  private static void expectVariant(CborValue response, String name) throws AttestationException {
    if (response instanceof CborText(String text) && text.equals(name)) {
      return;
    }
    if (response instanceof CborMap map && map.size() == 1) {
      Map.Entry<CborValue, CborValue> entry = map.entries().getFirst();
      if (entry.getKey().equals(CborValue.of(name))) {
        return;
      }
      if (entry.getKey().equals(CborValue.of("Error"))) {
        String code = entry.getValue() instanceof CborText(String t) ? t : entry.getValue().kind();
        throw new DeviceUnavailableException("nsm.error", "NSM rejected " + name + ": " + SafeText.escape(code));
      }
    }
    throw malformed("unexpected NSM response to " + name);
  }

  private static byte[] bytes(CborMap body, String key) throws MalformedEvidenceException {
    try {
      return body.require(key).asBytes();
    } catch (CborException e) {
      throw malformed("NSM response lacks " + key);
    }
  }

  private static CborValue orNull(byte[] value) {
    return value == null ? CborSimple.NULL : CborValue.of(value);
  }

  private static MalformedEvidenceException malformed(String message) {
    return new MalformedEvidenceException("nsm.response", message);
  }

  @Override
  public void close() {
    device.close();
  }
}
