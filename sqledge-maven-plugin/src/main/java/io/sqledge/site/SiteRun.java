package io.sqledge.site;

import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sqledge.apply.ApiErrors;
import io.sqledge.apply.ClusterSettings;
import io.sqledge.config.InstanceConfig;
import io.sqledge.diagnostic.Origin;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.generate.Generator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A goal's run over its sites: each site on a thread of a pool of at most {@code parallel}, with a
 * connection of its own; a site that cannot be reached, or that refuses, fails alone, and the
 * others go on. Sites start connecting as soon as the configuration is loaded, while the
 * instances render (a fresh JVM spends a second or two on either); the work starts once every
 * instance has rendered and been verified, so a configuration error still stops the run before
 * any cluster is changed.
 */
public final class SiteRun implements AutoCloseable {

  /** A goal's work on one site's instances, with the site's connection. */
  public interface Work {
    SiteOutcome run(KubernetesClient client, Site site, List<Generator.Rendered> instances)
        throws SqledgeException;
  }

  /** Makes a site's connection: {@code ClusterConnector::connect}. */
  public interface Connector {
    KubernetesClient connect(ClusterSettings settings) throws SqledgeException;
  }

  private final List<Site> sites;
  private final ExecutorService pool;
  private final List<Future<SiteResult>> results = new ArrayList<>();
  /** The rendered instances, handed over by {@link #finish}; cancelled by {@link #close}. */
  private final CompletableFuture<List<Generator.Rendered>> rendered = new CompletableFuture<>();

  private SiteRun(List<Site> sites, int parallel) {
    this.sites = sites;
    AtomicInteger threads = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, sites.size())),
        task -> {
          Thread thread = new Thread(task, "sqledge-site-" + threads.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }

  /** Starts connecting to {@code sites}, at most {@code parallel} at a time. */
  public static SiteRun start(List<Site> sites, int parallel, Connector connector, Work work) {
    SiteRun run = new SiteRun(List.copyOf(sites), parallel);
    for (Site site : run.sites) {
      run.results.add(run.pool.submit(() -> run.runOn(site, connector, work)));
    }
    return run;
  }

  /**
   * Hands over the rendered instances (every instance of the configuration; each site takes its
   * own) and waits for every site; the results in the sites' order.
   */
  public List<SiteResult> finish(List<Generator.Rendered> instances) {
    rendered.complete(List.copyOf(instances));
    List<SiteResult> finished = new ArrayList<>();
    for (Future<SiteResult> result : results) {
      try {
        finished.add(result.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the sites run", e);
      } catch (ExecutionException e) {
        // runOn turns every failure into a result; only an Error gets here.
        throw new IllegalStateException("a site's run failed", e.getCause());
      }
    }
    return finished;
  }

  /** Stops what has not run: when rendering failed, no site's work starts. */
  @Override
  public void close() {
    rendered.cancel(false);
    pool.shutdown();
    try {
      // Let the tasks close the connections they opened.
      pool.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private SiteResult runOn(Site site, Connector connector, Work work) {
    long start = System.nanoTime();
    try (KubernetesClient client = connector.connect(site.cluster())) {
      // The model's kind registry, which reading and writing resources needs first: made while
      // the instances render.
      client.getKubernetesSerialization().convertValue(
          Map.of("apiVersion", "v1", "kind", "Namespace"), KubernetesResource.class);
      List<Generator.Rendered> instances = instancesOf(site, rendered.join());
      try {
        return SiteResult.succeeded(site, work.run(client, site, instances), since(start));
      } catch (KubernetesClientException e) {
        // Most requests' failures are described where they are made; a connection lost anywhere
        // else still gets the same words.
        return SiteResult.failed(site, new SqledgeException("sqledge: site " + site.name()
            + " failed:", List.of(ApiErrors.describe("the site's cluster", "", "a request", e,
                Optional.empty(), String.valueOf(client.getMasterUrl()))), e), since(start));
      }
    } catch (SqledgeException e) {
      return SiteResult.failed(site, e, since(start));
    } catch (CancellationException e) {
      return SiteResult.failed(site, new SqledgeException("sqledge: site " + site.name()
          + " did not run: the instances did not render", List.of()), since(start));
    } catch (RuntimeException e) {
      // A bug: its text is not shown (it may quote a kubeconfig or a server's answer).
      return SiteResult.failed(site, new SqledgeException("sqledge: site " + site.name()
          + " failed:", List.of(Problem.error(Origin.resource("site " + site.name()), "",
              "an unexpected " + e.getClass().getSimpleName() + " stopped the goal; this is a"
                  + " bug of the plugin", "rerun with -X to see where, and report it with that"
                  + " output")), e), since(start));
    }
  }

  /** The site's instances among {@code all}, in configuration order. */
  private static List<Generator.Rendered> instancesOf(Site site, List<Generator.Rendered> all) {
    Map<InstanceConfig, Boolean> members = new IdentityHashMap<>();
    site.instances().forEach(instance -> members.put(instance, true));
    return all.stream().filter(instance -> members.containsKey(instance.config())).toList();
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
