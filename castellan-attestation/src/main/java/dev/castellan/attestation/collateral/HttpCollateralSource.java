package dev.castellan.attestation.collateral;

import dev.castellan.attestation.CollateralKey;
import dev.castellan.attestation.CollateralSource;
import dev.castellan.attestation.Platform;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link CollateralSource} that fetches collateral from AMD KDS and Intel PCS (v4) over
 * HTTP(S). It is never used unless a caller creates one; the CLI does so only with {@code
 * --fetch-collateral}. Mapping from {@link CollateralKey} to request:
 *
 * <ul>
 *   <li>{@code (SEV_SNP, "crl", "amd-ark-<product>")}: {@code GET {kds}/vcek/v1/<Product>/crl}
 *       (AMD KDS spec, 57230, section 4.3);
 *   <li>{@code (SEV_SNP, "cert-chain", "<Product>")}: {@code GET {kds}/vcek/v1/<Product>/cert_chain};
 *   <li>{@code (TDX, "tcb-info", fmspc)}: {@code GET {pcs}/tdx/certification/v4/tcb?fmspc=..}, body
 *       as served; its {@code TCB-Info-Issuer-Chain} header answers {@code tcb-signing-chain};
 *   <li>{@code (TDX, "qe-identity")}: {@code GET {pcs}/tdx/certification/v4/qe/identity} (header
 *       {@code SGX-Enclave-Identity-Issuer-Chain}, the same TCB signing chain);
 *   <li>{@code (TDX, "pck-crl")}: {@code GET {pcs}/sgx/certification/v4/pckcrl?ca=platform|processor};
 *   <li>{@code (TDX, "root-crl")}: {@code GET {pcs}/sgx/certification/v4/rootcacrl};
 *   <li>{@code (SEV_SNP, "vcek-kds", "<Product>.<REPORTED_TCB hex>.<hwid hex>")}, asked by the
 *       SNP verifier when {@code (SEV_SNP, "vcek", chip id)} finds nothing: {@code GET
 *       {kds}/vcek/v1/<Product>/<hwid>?blSPL=..&teeSPL=..&snpSPL=..&ucodeSPL=..} (DER).
 * </ul>
 *
 * <p>Every other key, including {@code (SEV_SNP, "vcek", chip id)} (KDS needs the reported
 * TCB, which that key lacks), is "not found".
 *
 * <p>Trust: this source authenticates nothing and MUST NOT be treated as trusted. The
 * verifiers check every fetched item (signature, chain to a pinned root, validity window,
 * binding to the evidence) exactly as for offline collateral.
 *
 * <p>Failures (timeout, connection error, non-200 status, a body over the size limit, a
 * malformed header) never throw: the item is "not found" and a reason is recorded in {@link
 * #problems()}, so a verdict shows the collateral as missing. Successful responses are cached in
 * memory for the life of this object and, if configured, in a directory (files named by the
 * SHA-256 of the URL, written atomically, ignored when older than the configured age).
 */
public final class HttpCollateralSource implements CollateralSource {
  private static final int MAX_PROBLEMS = 32;
  private static final String TCB_CHAIN_HEADER = "TCB-Info-Issuer-Chain";
  private static final String QE_CHAIN_HEADER = "SGX-Enclave-Identity-Issuer-Chain";

  private final HttpCollateralOptions options;
  private final HttpClient client;
  private final DiskCache disk;
  private final Map<String, Fetched> memory = new ConcurrentHashMap<>();
  private final Deque<String> problems = new ArrayDeque<>();
  private volatile byte[] signingChain;

  /** A response body and the decoded issuer-chain header (empty if none). */
  record Fetched(byte[] body, byte[] chain) {}

  private HttpCollateralSource(HttpCollateralOptions options) {
    this.options = options;
    this.client = HttpClient.newBuilder()
        .connectTimeout(options.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    this.disk = options.cacheDirectory()
        .map(dir -> new DiskCache(dir, options.maxBytes(), options.cacheMaxAge()))
        .orElse(null);
  }

  /** A source with {@code options}. */
  public static HttpCollateralSource create(HttpCollateralOptions options) {
    return new HttpCollateralSource(options);
  }

  /** Why recent lookups found nothing (most recent last, at most 32), for reports. */
  public List<String> problems() {
    synchronized (problems) {
      return List.copyOf(problems);
    }
  }

  @Override
  public Optional<byte[]> find(CollateralKey key) {
    return switch (key.platform()) {
      case SEV_SNP -> findSnp(key);
      case TDX -> findTdx(key);
      default -> Optional.empty();
    };
  }

  private Optional<byte[]> findSnp(CollateralKey key) {
    String kds = base(options.kdsBase());
    return switch (key.kind()) {
      case "crl" -> {
        if (!key.id().startsWith("amd-ark-") || key.id().length() == "amd-ark-".length()) {
          yield Optional.empty();
        }
        yield body(kds + "/vcek/v1/" + product(key.id().substring("amd-ark-".length())) + "/crl", null);
      }
      case "cert-chain" -> key.id().isEmpty()
          ? Optional.empty()
          : body(kds + "/vcek/v1/" + product(key.id()) + "/cert_chain", null);
      case "vcek-kds" -> vcek(kds, key.id());
      default -> Optional.empty();
    };
  }

  /**
   * {@code GET {kds}/vcek/v1/<Product>/<hwid>?blSPL=&teeSPL=&snpSPL=&ucodeSPL=} (plus {@code
   * fmcSPL} on Turin) for an id {@code <Product>.<REPORTED_TCB hex>.<hwid hex>}, splitting the
   * TCB_VERSION bytes per the SEV-SNP ABI (Turin: FMC, BL, TEE, SNP at bytes 0-3; earlier: BL,
   * TEE at 0-1, SNP at 6; microcode at 7 on both).
   */
  private Optional<byte[]> vcek(String kds, String id) {
    String[] parts = id.split("\\.", -1);
    if (parts.length != 3 || !List.of("Milan", "Genoa", "Turin").contains(parts[0])
        || !parts[1].matches("[0-9a-f]{16}") || !parts[2].matches("[0-9a-f]{16,128}")) {
      return Optional.empty();
    }
    byte[] t = dev.castellan.core.bytes.Hex.decode(parts[1]);
    boolean turin = parts[0].equals("Turin");
    String query = turin
        ? "fmcSPL=" + (t[0] & 0xff) + "&blSPL=" + (t[1] & 0xff) + "&teeSPL=" + (t[2] & 0xff)
            + "&snpSPL=" + (t[3] & 0xff) + "&ucodeSPL=" + (t[7] & 0xff)
        : "blSPL=" + (t[0] & 0xff) + "&teeSPL=" + (t[1] & 0xff) + "&snpSPL=" + (t[6] & 0xff)
            + "&ucodeSPL=" + (t[7] & 0xff);
    return body(kds + "/vcek/v1/" + parts[0] + "/" + parts[2] + "?" + query, null);
  }

  private Optional<byte[]> findTdx(CollateralKey key) {
    String pcs = base(options.pcsBase());
    return switch (key.kind()) {
      case "tcb-info" -> key.id().isEmpty()
          ? Optional.empty()
          : body(pcs + "/tdx/certification/v4/tcb?fmspc="
              + URLEncoder.encode(key.id().toLowerCase(Locale.ROOT), StandardCharsets.UTF_8),
              TCB_CHAIN_HEADER);
      case "qe-identity" -> body(pcs + "/tdx/certification/v4/qe/identity", QE_CHAIN_HEADER);
      case "tcb-signing-chain" -> {
        if (signingChain == null) {
          body(pcs + "/tdx/certification/v4/qe/identity", QE_CHAIN_HEADER);
        }
        byte[] chain = signingChain;
        yield chain == null ? Optional.empty() : Optional.of(chain.clone());
      }
      case "pck-crl" -> body(pcs + "/sgx/certification/v4/pckcrl?ca=" + options.pckCa()
          + "&encoding=der", null).map(HttpCollateralSource::unhex);
      case "root-crl" -> body(pcs + "/sgx/certification/v4/rootcacrl", null)
          .map(HttpCollateralSource::unhex);
      default -> Optional.empty();
    };
  }

  /** The body at {@code url}, remembering its issuer chain as the TCB signing chain. */
  private Optional<byte[]> body(String url, String chainHeader) {
    Fetched fetched = memory.get(url);
    if (fetched == null && disk != null) {
      try {
        fetched = disk.read(url);
      } catch (java.io.IOException e) {
        record("cache read failed for " + url + ": " + e.getClass().getSimpleName());
      }
    }
    if (fetched == null) {
      fetched = fetch(url, chainHeader);
      if (fetched == null) {
        return Optional.empty();
      }
      if (disk != null) {
        try {
          disk.write(url, fetched);
        } catch (java.io.IOException e) {
          record("cache write failed for " + url + ": " + e.getClass().getSimpleName());
        }
      }
    }
    memory.put(url, fetched);
    if (chainHeader != null && fetched.chain().length > 0) {
      signingChain = fetched.chain();
    }
    return Optional.of(fetched.body().clone());
  }

  private Fetched fetch(String url, String chainHeader) {
    HttpRequest request;
    try {
      request = HttpRequest.newBuilder(URI.create(url))
          .timeout(options.requestTimeout())
          .header("Accept", "*/*")
          .GET()
          .build();
    } catch (IllegalArgumentException e) {
      record("invalid URL " + url);
      return null;
    }
    var future = client.sendAsync(request, BoundedBody.handler(options.maxBytes()));
    HttpResponse<byte[]> response;
    try {
      response = future.get(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      record("GET " + url + ": timed out after " + options.requestTimeout().toMillis() + " ms");
      return null;
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      record("GET " + url + ": interrupted");
      return null;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      String what = cause instanceof java.net.http.HttpTimeoutException ? "timed out"
          : cause.getMessage() != null && cause.getMessage().startsWith("response larger than")
              ? cause.getMessage() : "failed (" + cause.getClass().getSimpleName() + ")";
      record("GET " + url + ": " + what);
      return null;
    }
    if (response.statusCode() != 200) {
      record("GET " + url + ": HTTP status " + response.statusCode());
      return null;
    }
    if (response.body() == null) {
      record("GET " + url + ": response larger than " + options.maxBytes() + " bytes");
      return null;
    }
    byte[] chain = new byte[0];
    if (chainHeader != null) {
      Optional<String> header = response.headers().firstValue(chainHeader);
      if (header.isEmpty()) {
        record("GET " + url + ": no " + chainHeader + " header");
        return null;
      }
      try {
        chain = URLDecoder.decode(header.get(), StandardCharsets.UTF_8)
            .getBytes(StandardCharsets.US_ASCII);
      } catch (IllegalArgumentException e) {
        record("GET " + url + ": malformed " + chainHeader + " header");
        return null;
      }
      if (chain.length > options.maxBytes()) {
        record("GET " + url + ": " + chainHeader + " header too large");
        return null;
      }
    }
    return new Fetched(response.body(), chain);
  }

  private void record(String problem) {
    synchronized (problems) {
      if (problems.size() == MAX_PROBLEMS) {
        problems.removeFirst();
      }
      problems.addLast(problem);
    }
  }

  private static String base(URI uri) {
    String s = uri.toString();
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  /** KDS product names are capitalised: milan -> Milan. */
  private static String product(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
  }

  /** PCS v3-style hex-encoded DER CRLs become DER; anything else is returned as is. */
  static byte[] unhex(byte[] body) {
    if (body.length == 0 || body.length % 2 != 0) {
      return body;
    }
    for (byte b : body) {
      if (Character.digit(b, 16) < 0) {
        return body;
      }
    }
    return dev.castellan.core.bytes.Hex.decode(new String(body, StandardCharsets.US_ASCII));
  }
}
