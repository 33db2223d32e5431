package dev.castellan.attestation.collateral;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Immutable options for {@link HttpCollateralSource}, with secure defaults: the vendors' HTTPS
 * endpoints, 10 s connect and request timeouts, 1 MiB responses, memory cache only.
 *
 * @param kdsBase AMD Key Distribution Service base URL (default {@code https://kdsintf.amd.com})
 * @param pcsBase Intel Provisioning Certification Service base URL (default {@code
 *     https://api.trustedservices.intel.com}); other values are for mirrors and tests
 * @param connectTimeout TCP/TLS connect timeout
 * @param requestTimeout timeout for the whole response
 * @param maxBytes largest response body accepted
 * @param cacheDirectory where fetched responses are cached across runs, if anywhere
 * @param cacheMaxAge disk cache entries older than this are fetched again
 * @param pckCa PCS {@code ca} parameter of the PCK CRL: {@code platform} or {@code processor}
 */
public record HttpCollateralOptions(
    URI kdsBase,
    URI pcsBase,
    Duration connectTimeout,
    Duration requestTimeout,
    int maxBytes,
    Optional<Path> cacheDirectory,
    Duration cacheMaxAge,
    String pckCa) {

  public static final URI AMD_KDS = URI.create("https://kdsintf.amd.com");
  public static final URI INTEL_PCS = URI.create("https://api.trustedservices.intel.com");

  public HttpCollateralOptions {
    Objects.requireNonNull(kdsBase, "kdsBase");
    Objects.requireNonNull(pcsBase, "pcsBase");
    Objects.requireNonNull(cacheDirectory, "cacheDirectory");
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(requestTimeout, "requestTimeout");
    requirePositive(cacheMaxAge, "cacheMaxAge");
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive");
    }
    if (!pckCa.equals("platform") && !pckCa.equals("processor")) {
      throw new IllegalArgumentException("pckCa must be platform or processor");
    }
    for (URI base : new URI[] {kdsBase, pcsBase}) {
      String scheme = base.getScheme();
      if (!"https".equals(scheme) && !"http".equals(scheme) || base.getHost() == null) {
        throw new IllegalArgumentException("base URL must be an absolute http(s) URL");
      }
    }
  }

  private static void requirePositive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }

  /** The defaults: vendor endpoints, 10 s timeouts, 1 MiB, no disk cache, 1 day, platform CA. */
  public static HttpCollateralOptions defaults() {
    return new HttpCollateralOptions(AMD_KDS, INTEL_PCS, Duration.ofSeconds(10),
        Duration.ofSeconds(10), 1 << 20, Optional.empty(), Duration.ofDays(1), "platform");
  }

  public HttpCollateralOptions withBaseUrls(URI kds, URI pcs) {
    return new HttpCollateralOptions(kds, pcs, connectTimeout, requestTimeout, maxBytes,
        cacheDirectory, cacheMaxAge, pckCa);
  }

  public HttpCollateralOptions withTimeouts(Duration connect, Duration request) {
    return new HttpCollateralOptions(kdsBase, pcsBase, connect, request, maxBytes,
        cacheDirectory, cacheMaxAge, pckCa);
  }

  public HttpCollateralOptions withMaxBytes(int max) {
    return new HttpCollateralOptions(kdsBase, pcsBase, connectTimeout, requestTimeout, max,
        cacheDirectory, cacheMaxAge, pckCa);
  }

  public HttpCollateralOptions withCacheDirectory(Path dir) {
    return new HttpCollateralOptions(kdsBase, pcsBase, connectTimeout, requestTimeout, maxBytes,
        Optional.of(dir), cacheMaxAge, pckCa);
  }
}
