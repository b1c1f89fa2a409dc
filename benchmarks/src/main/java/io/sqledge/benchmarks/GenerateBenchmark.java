package io.sqledge.benchmarks;

import io.sqledge.config.InstanceConfig;
import io.sqledge.diagnostic.Problems;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.generate.Generator;
import io.sqledge.render.ManifestRenderer;
import io.sqledge.render.RenderedDocument;
import io.sqledge.verify.ManifestSet;
import io.sqledge.verify.ManifestVerifier;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One instance of the embedded default configuration (five manifests), warm, in process: each
 * step of the pipeline, and render + verify together (the target: well under 1 ms).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GenerateBenchmark {

  private InstanceConfig config;
  private InstanceConfig backedUp;
  private InstanceConfig monitored;
  private ManifestRenderer renderer;
  private List<RenderedDocument> rendered;
  private ManifestVerifier verifier;

  @Setup
  public void setUp() throws SqledgeException {
    config = Generator.load(Optional.empty(), Map.of(), new Problems());
    renderer = ManifestRenderer.bundled();
    rendered = renderer.render(config);
    verifier = new ManifestVerifier();
    backedUp = Generator.load(Optional.empty(), Map.of(
        "engine.image", "mcr.microsoft.com/mssql/server:2022-CU16-ubuntu-22.04",
        "backup.full", "0 0 * * 0", "backup.differential", "0 */12 * * *",
        "backup.log", "*/5 * * * *"), new Problems());
    monitored = Generator.load(Optional.empty(), Map.of(
        "engine.image", "mcr.microsoft.com/mssql/server:2022-CU16-ubuntu-22.04",
        "namespace", "shop", "tls.certManager.issuerRef.name", "shop-ca",
        "metrics.enabled", "true", "metrics.serviceMonitor", "true",
        "metrics.credentialSecret", "shop-metrics"), new Problems());
  }

  @Benchmark
  public InstanceConfig loadAndCheck() throws SqledgeException {
    return Generator.load(Optional.empty(), Map.of(), new Problems());
  }

  @Benchmark
  public List<RenderedDocument> render() throws SqledgeException {
    return renderer.render(config);
  }

  @Benchmark
  public ManifestSet verify() throws SqledgeException {
    return verifier.check(rendered);
  }

  /** As a generate run does it: one renderer and one verifier for all the run's instances. */
  @Benchmark
  public ManifestSet renderAndVerify() throws SqledgeException {
    return verifier.check(renderer.render(config));
  }

  /**
   * The same with scheduled backups of all three kinds (nine manifests: the claim, the scripts'
   * ConfigMap, three CronJobs), the baseline being {@link #renderAndVerify}.
   */
  @Benchmark
  public ManifestSet renderAndVerifyWithBackups() throws SqledgeException {
    return verifier.check(renderer.render(backedUp));
  }

  /**
   * The same with a certificate from cert-manager and metrics (four more manifests: the
   * Certificate, the mssql.conf and exporter ConfigMaps, the metrics Service, the ServiceMonitor;
   * two of them held to CRD schemas), the baseline being {@link #renderAndVerify}.
   */
  @Benchmark
  public ManifestSet renderAndVerifyWithTlsAndMetrics() throws SqledgeException {
    return verifier.check(renderer.render(monitored));
  }
}
