package dev.castellan.server.ra;

import dev.castellan.attestation.TrustAnchors;
import dev.castellan.core.bytes.Hex;
import dev.castellan.core.vrf.EcvrfPrivateKey;
import dev.castellan.server.http.Route;
import dev.castellan.server.oracle.OracleContext;
import dev.castellan.server.oracle.OracleExtension;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/**
 * The remote-attestation web API of seed 003 as an {@link OracleExtension} ({@code castellan up
 * --ra-root DIR}): its routes under {@code /ra/} are served on the oracle's port and every
 * response carries the oracle's response signatures. At boot it opens the store ({@link
 * RaOptions#natsUrl()}: NATS KV, else the embedded store in the data directory) and unseals (or
 * on first boot generates and seals) the VRF key of the configured suite.
 *
 * <p>Security: {@code POST /ra/generate} makes the oracle prove and attest, so it is authorized
 * like {@code /v1/sign} (scope {@value RaApi#GENERATE_SCOPE}, or anyone under {@code
 * --no-auth}); every other route only reads or verifies, is open, and is bounded by its body
 * limit. No path outside the root is read ({@link RaRoot}).
 */
public final class RaExtension implements OracleExtension {
  private static final System.Logger LOG = System.getLogger(RaExtension.class.getName());

  private final RaOptions options;
  private final TrustAnchors anchors;
  private RaStore store;
  private Generator generator;

  /**
   * @param anchors what documents are verified against: the bundled AWS root, plus on the
   *     simulator its root ({@code SimulatorHome#nitroRoot}), which labels results simulated
   */
  public RaExtension(RaOptions options, TrustAnchors anchors) {
    this.options = options;
    this.anchors = anchors;
  }

  @Override
  public synchronized List<Route> routes(OracleContext context) throws IOException, GeneralSecurityException {
    if (store != null) {
      throw new IllegalStateException("the RA extension is already mounted");
    }
    RaRoot root = RaRoot.of(options.root());
    EcvrfPrivateKey vrfKey = VrfKey.loadOrGenerate(context.config().dataDirectory(), options.suite(), context.sealer(),
        context.random());
    store = options.natsUrl().isPresent() ? NatsRaStore.connect(options.natsUrl().get())
        : EmbeddedRaStore.open(context.config().dataDirectory());
    generator = new Generator(root, store, vrfKey, context.device(), options.maxFiles(), options.threads(), context.clock());
    RaEvidence evidence = new RaEvidence(context.device(), anchors, context.userData(), context.clock(), context.random());
    RaRequests requests = new RaRequests(root);
    LOG.log(System.Logger.Level.INFO, "RA web API on /ra/: root {0}, store {1}, VRF {2} key {3}", root.path(),
        store.describe(), options.suite().specName(), Hex.encode(vrfKey.publicKey().toBytes()));
    List<Route> routes = new ArrayList<>(new RaApi(requests, store, generator, evidence, vrfKey.publicKey(),
        context.authorizer(), context.userData(), context.random()).routes());
    routes.addAll(new RaVerifyApi(requests, store, evidence, vrfKey.publicKey()).routes());
    return routes;
  }

  /** Stops the workers (a running job stops with them), then flushes and closes the store. */
  @Override
  public synchronized void close() throws IOException {
    if (generator != null) {
      generator.close();
    }
    if (store != null) {
      store.close();
    }
  }
}
