package dev.castellan.authority.entropy;

import dev.castellan.authority.service.PeerAcl;
import dev.castellan.authority.service.PeerService;
import dev.castellan.core.signature.Ed25519PrivateKey;
import dev.castellan.tokens.SigningKey;
import dev.castellan.transport.FramedConnection;
import dev.castellan.transport.TransportOptions;
import dev.castellan.transport.UnixTransport;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

/** A running {@link Entropyd} on a real Unix socket in a temporary directory. */
final class EntropydFixture implements AutoCloseable {
  static final SecureRandom RANDOM = new SecureRandom();

  final SigningKey key = SigningKey.ed25519(Ed25519PrivateKey.generate(RANDOM));
  final UnixTransport transport = UnixTransport.create(TransportOptions.DEFAULTS);
  final UnixDomainSocketAddress address;
  final Entropyd entropyd;

  EntropydFixture(Path dir, String allowlistJson, EntropydOptions options) throws Exception {
    address = UnixDomainSocketAddress.of(dir.resolve("entropyd.sock"));
    entropyd = Entropyd.start(transport.listen(address),
        PeerAcl.fromJson(allowlistJson.getBytes(StandardCharsets.UTF_8), PeerService.ENTROPYD),
        EntropyPublisher.create(key, Clock.systemUTC()), options);
  }

  /** An allowlist naming the uid this test runs as (the Unix peer entropyd sees), or another uid. */
  static String allowlist(Path dir, boolean thisUid) throws Exception {
    long uid = ((Number) Files.getAttribute(dir, "unix:uid")).longValue();
    return "{\"version\": 1, \"peers\": [{\"name\": \"cryptod\", \"unix\": {\"uid\": " + (thisUid ? uid : uid + 1)
        + "}, \"types\": [\"entropy_pub\"]}]}";
  }

  FramedConnection connect() throws Exception {
    return transport.connect(address);
  }

  @Override
  public void close() {
    entropyd.close();
  }
}
