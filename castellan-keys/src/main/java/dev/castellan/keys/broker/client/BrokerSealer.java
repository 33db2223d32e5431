package dev.castellan.keys.broker.client;

import dev.castellan.attestation.TeeDevice;
import dev.castellan.core.bytes.Hex;
import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.core.hpke.Hpke;
import dev.castellan.core.hpke.HpkeException;
import dev.castellan.core.hpke.HpkePrivateKey;
import dev.castellan.keys.Sealer;
import dev.castellan.keys.UnsealException;
import dev.castellan.keys.broker.BrokerProtocol;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seals through a key broker (seed 001's KMS + SSM arrangement, docs/broker.md "Sealing through
 * the broker"): {@link #seal} is the broker's {@code encrypt} under the key, so the ciphertext
 * stays with the caller; {@link #unseal} asks for a challenge, draws a fresh ephemeral X25519
 * key, has the {@link TeeDevice} attest to {@link BrokerProtocol#binding}(nonce, key), sends
 * evidence and ciphertext to {@code decrypt}, and opens the HPKE answer with the ephemeral
 * private key, which never leaves this object. Only code whose evidence satisfies the key's
 * decrypt policy gets the secret back; a changed build is refused by the broker, naming the check.
 *
 * <p>Blob: {@code "CSB1" ‖ u8 len ‖ key id ‖ the broker's ciphertext} (nonce ‖ AES-256-GCM
 * ciphertext ‖ tag). The device's evidence carries the binding as its nonce ({@link
 * TeeDevice#attest}{@code (binding, null)}); adapters whose platform has no nonce field put it
 * in REPORT_DATA, where the broker looks for it ({@link BrokerProtocol#freshness}).
 */
public final class BrokerSealer implements Sealer {
  private static final byte[] MAGIC = "CSB1".getBytes(StandardCharsets.US_ASCII);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final BrokerEndpoint endpoint;
  private final BrokerClient client;
  private final TeeDevice device;
  private final SecureRandom random;

  private BrokerSealer(BrokerEndpoint endpoint, BrokerClient client, TeeDevice device, SecureRandom random) {
    this.endpoint = endpoint;
    this.client = client;
    this.device = device;
    this.random = random;
  }

  public static BrokerSealer create(BrokerEndpoint endpoint, TeeDevice device, SecureRandom random)
      throws GeneralSecurityException {
    return new BrokerSealer(endpoint, new BrokerClient(endpoint), device, random);
  }

  @Override
  public byte[] seal(SecretBytes secret) throws GeneralSecurityException {
    byte[] plain = secret.toByteArray();
    ObjectNode body = JSON.createObjectNode();
    body.put("plaintext", Base64.getEncoder().encodeToString(plain));
    Arrays.fill(plain, (byte) 0);
    JsonNode answer;
    try {
      answer = client.post("encrypt", body);
    } catch (IOException e) {
      throw new GeneralSecurityException("cannot reach the broker at " + endpoint.baseUrl() + ": " + describe(e));
    } catch (BrokerClient.Refused e) {
      throw new GeneralSecurityException("the broker refused to encrypt to key " + endpoint.keyId() + ": " + e.check
          + ": " + e.getMessage());
    }
    byte[] ciphertext = base64(answer, "ciphertext");
    byte[] id = endpoint.keyId().getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(MAGIC.length + 1 + id.length + ciphertext.length).put(MAGIC).put((byte) id.length).put(id)
        .put(ciphertext).array();
  }

  @Override
  public SecretBytes unseal(byte[] sealed) throws UnsealException {
    byte[] ciphertext = ciphertext(sealed);
    try {
      JsonNode challenge = client.post("challenge", null);
      byte[] nonce = base64(challenge, "nonce");
      HpkePrivateKey ephemeral = Hpke.generateKeyPair(BrokerProtocol.SUITE.kem(), random);
      byte[] publicKey = ephemeral.publicKey().toBytes();
      byte[] evidence = device.attest(BrokerProtocol.binding(nonce, publicKey), null);
      ObjectNode body = JSON.createObjectNode();
      body.put("challengeId", BrokerClient.text(challenge, "challengeId", ""));
      body.put("evidence", Base64.getEncoder().encodeToString(evidence));
      body.put("ephemeralKey", Base64.getEncoder().encodeToString(publicKey));
      body.put("ciphertext", Base64.getEncoder().encodeToString(ciphertext));
      JsonNode answer = client.post("decrypt", body);
      byte[] digest = Hex.decode(BrokerClient.text(answer, "policyDigest", ""));
      byte[] plain = Hpke.open(BrokerProtocol.SUITE, base64(answer, "enc"), ephemeral, BrokerProtocol.DECRYPT_INFO,
          BrokerProtocol.answerAad(endpoint.keyId(), digest), base64(answer, "ciphertext"));
      try {
        return SecretBytes.copyOf(plain);
      } finally {
        Arrays.fill(plain, (byte) 0);
      }
    } catch (BrokerClient.Refused e) {
      throw new UnsealException("the broker at " + endpoint.baseUrl() + " refused to decrypt with key " + endpoint.keyId()
          + " (" + e.check + "): " + e.getMessage());
    } catch (HpkeException e) {
      throw new UnsealException("the broker's answer does not open with this boot's ephemeral key");
    } catch (IOException e) {
      throw new UnsealException("cannot reach the broker at " + endpoint.baseUrl() + ": " + describe(e));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new UnsealException("unsealing through the broker failed: " + e.getMessage());
    }
  }

  private byte[] ciphertext(byte[] sealed) throws UnsealException {
    byte[] id = endpoint.keyId().getBytes(StandardCharsets.US_ASCII);
    int header = MAGIC.length + 1 + id.length;
    if (sealed.length < header + 28 || !Arrays.equals(sealed, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new UnsealException("not a blob sealed through a broker (CSB1)");
    }
    if (Byte.toUnsignedInt(sealed[MAGIC.length]) != id.length
        || !Arrays.equals(sealed, MAGIC.length + 1, header, id, 0, id.length)) {
      throw new UnsealException("the blob was sealed to another broker key than " + endpoint.keyId());
    }
    return Arrays.copyOfRange(sealed, header, sealed.length);
  }

  private static byte[] base64(JsonNode json, String name) throws UnsealException {
    try {
      return Base64.getDecoder().decode(BrokerClient.text(json, name, ""));
    } catch (IllegalArgumentException e) {
      throw new UnsealException("the broker's answer has no valid '" + name + "'");
    }
  }

  private static String describe(IOException e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
