package dev.castellan.server;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * The service's Prometheus metrics, in a registry of its own (no global state, so several
 * servers can run in one JVM, as the tests do). Labels are route templates and status
 * codes only: never request data, never key material.
 */
public final class ServerMetrics {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Counter requests =
      Counter.builder()
          .name("castellan_http_requests_total")
          .help("HTTP requests by route and status code")
          .labelNames("route", "status")
          .register(registry);
  private final Histogram latency =
      Histogram.builder()
          .name("castellan_http_request_duration_seconds")
          .help("HTTP request latency by route")
          .labelNames("route")
          .classicUpperBounds(0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1)
          .register(registry);
  private final Counter signatures =
      Counter.builder()
          .name("castellan_signatures_total")
          .help("Signatures made with the oracle signing key, by scheme")
          .labelNames("scheme")
          .register(registry);
  private final Counter failures =
      Counter.builder()
          .name("castellan_failures_total")
          .help("Failed operations by kind")
          .labelNames("kind")
          .register(registry);

  public void request(String route, int status, long nanos) {
    requests.labelValues(route, Integer.toString(status)).inc();
    latency.labelValues(route).observe(nanos / 1e9);
  }

  public void signature(String scheme) {
    signatures.labelValues(scheme).inc();
  }

  public void failure(String kind) {
    failures.labelValues(kind).inc();
  }

  /** The Prometheus text exposition format (version 0.0.4). */
  public byte[] scrape() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, registry.scrape());
    return out.toByteArray();
  }
}
