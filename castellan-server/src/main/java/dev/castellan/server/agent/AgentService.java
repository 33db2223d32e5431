package dev.castellan.server.agent;

import dev.castellan.core.bytes.Hex;
import dev.castellan.server.ServerConfig;
import dev.castellan.server.http.HttpService;
import dev.castellan.server.http.ResponseSigner;
import dev.castellan.server.http.Router;
import dev.castellan.server.oracle.TlsIdentity;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * The attestation agent as a service (docs/agent.md) on the same hardened HTTP front as the
 * oracle (limits, Host and Origin rules). Its TLS key is per boot and not attested: nothing the
 * agent returns depends on the channel, since evidence, proofs and service responses are each
 * verifiable by themselves; TLS only keeps them private. Responses carry no signature of the
 * agent's own for the same reason.
 */
public final class AgentService implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(AgentService.class.getName());

  private final HttpService http;
  private final TlsIdentity tls;
  private final byte[] serviceRoot;

  private AgentService(HttpService http, TlsIdentity tls, byte[] serviceRoot) {
    this.http = http;
    this.tls = tls;
    this.serviceRoot = serviceRoot;
  }

  /** Serves the agent's routes on {@code config}'s bind address and port. */
  public static AgentService start(ServerConfig config, AgentAttester attester, AgentConfig agent, GpuSource gpu,
      Clock clock, SecureRandom random) throws IOException, GeneralSecurityException {
    TlsIdentity tls = TlsIdentity.generate(random, clock);
    if (config.tls()) {
      TlsIdentity.rejectRenegotiation();
    }
    HttpService http = HttpService.bind(config.bind(), config.port(), config.tls() ? tls.sslContext() : null,
        tls.sslParameters(), config.limits());
    AgentApi api;
    try {
      api = new AgentApi(attester, agent, gpu);
      Router router = new Router(api.routes(), ResponseSigner.NONE,
          (route, status, nanos) -> {}, config.requestPolicy(), config.limits().maxHeaderCount());
      http.serve(router);
    } catch (RuntimeException e) {
      http.close();
      throw e;
    }
    LOG.log(System.Logger.Level.INFO, "agent serving on {0}: {1}{2}, {3} services", http.baseUrl(),
        AgentApi.platformName(attester.platform()), attester.simulated() ? " (SIMULATED)" : "", agent.services().size());
    return new AgentService(http, tls, api.serviceRoot());
  }

  public String baseUrl() {
    return http.baseUrl();
  }

  public int port() {
    return http.port();
  }

  /** The root of the service tree this agent attests (32 bytes). */
  public byte[] serviceRoot() {
    return serviceRoot.clone();
  }

  /** SHA-256 of the TLS key (SubjectPublicKeyInfo), hex: for a client that wants to pin the channel. */
  public String tlsKeyHash() {
    return Hex.encode(tls.keyHash());
  }

  @Override
  public void close() {
    http.close();
  }
}
