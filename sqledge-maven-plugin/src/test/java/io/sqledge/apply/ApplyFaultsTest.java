package io.sqledge.apply;

import static io.sqledge.TestThreads.beside;
import static io.sqledge.apply.ApplyFixtures.config;
import static io.sqledge.apply.ApplyFixtures.createSecret;
import static io.sqledge.apply.ApplyFixtures.instance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqledge.apply.ApplyFixtures.Instance;
import io.sqledge.apply.ApplyFixtures.RecordingLog;
import io.sqledge.apply.FaultProxy.Mode;
import io.sqledge.apply.ResourceChange.Outcome;
import io.sqledge.diagnostic.SqledgeException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Network faults between apply and a real API server, injected by a TCP proxy: a server that goes
 * away in the middle of an apply, connections reset and then back (retried), and a server that
 * accepts but never answers (request timeout). Apply never hangs, says what it applied, and a
 * rerun converges.
 */
class ApplyFaultsTest {

  private RealCluster cluster;
  private FaultProxy proxy;
  private Path kubeconfig;

  @BeforeEach
  void proxy() throws Exception {
    cluster = RealCluster.shared();
    URI server = URI.create(cluster.admin().getMasterUrl().toString());
    proxy = new FaultProxy(server.getPort());
    kubeconfig = Files.createTempFile("proxied", ".yaml");
    Files.writeString(kubeconfig, Files.readString(cluster.kubeconfig())
        .replace(":" + server.getPort(), ":" + proxy.port()));
  }

  @AfterEach
  void close() throws Exception {
    proxy.close();
    Files.deleteIfExists(kubeconfig);
  }

  private Applier applier(RecordingLog log, Duration requestTimeout) throws SqledgeException {
    return new Applier(ClusterConnector.connect(new ClusterSettings(Optional.of(kubeconfig),
        Optional.empty(), requestTimeout)), log);
  }

  @Test
  void aServerThatGoesAwayMidApplyFailsClearlyAndARerunConverges() throws Exception {
    String ns = cluster.newNamespace("midway");
    createSecret(cluster, ns);
    // The database's five resources: no login Secret or accounts job to count.
    Instance db = instance(config(ns, "storage:\n  className: midway-disk\ndatabases: []\n"));
    RecordingLog log = new RecordingLog() {
      @Override
      public synchronized void info(String message) {
        super.info(message);
        if (message.startsWith("PersistentVolumeClaim/mssql-data")) {
          proxy.mode(Mode.RESET); // the server is gone from here on
        }
      }
    };

    SqledgeException e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThrows(
        SqledgeException.class, () -> applier(log, Duration.ofSeconds(5)).apply(db.request(ns))));

    assertTrue(e.getMessage().startsWith("sqledge: apply failed at NetworkPolicy/db; already applied:"
        + " StorageClass/midway-disk, PersistentVolumeClaim/mssql-data"), e::getMessage);
    assertTrue(e.problems().get(0).message().contains("cannot reach the API server"), e::getMessage);

    proxy.mode(Mode.PASS);
    ApplyReport rerun = applier(new RecordingLog(), Duration.ofSeconds(5)).apply(db.request(ns));
    assertEquals(List.of(Outcome.UNCHANGED, Outcome.UNCHANGED, Outcome.CREATED, Outcome.CREATED,
            Outcome.CREATED),
        rerun.changes().stream().map(ResourceChange::outcome).toList());
  }

  @Test
  void resetConnectionsAreRetriedUntilTheServerIsBack() throws Exception {
    String ns = cluster.newNamespace("flaky");
    createSecret(cluster, ns);
    Instance db = instance(config(ns, "storage:\n  className: flaky-disk\ndatabases: []\n"));
    proxy.mode(Mode.RESET);
    beside("proxy", () -> {
      try {
        Thread.sleep(400);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      proxy.mode(Mode.PASS);
    });

    ApplyReport report = applier(new RecordingLog(), Duration.ofSeconds(5)).apply(db.request(ns));

    assertEquals(5, report.changes().size());
  }

  @Test
  void aServerThatNeverAnswersTimesOutWithAClearError() throws Exception {
    Instance db = instance(config("hung", ""));
    proxy.mode(Mode.BLACKHOLE);

    SqledgeException e = assertTimeoutPreemptively(Duration.ofSeconds(90), () -> assertThrows(
        SqledgeException.class,
        () -> applier(new RecordingLog(), Duration.ofSeconds(2)).apply(db.request("hung"))));

    assertTrue(e.getMessage().contains("nothing was applied"), e::getMessage);
    assertTrue(e.problems().get(0).message().contains("cannot reach the API server"), e::getMessage);
  }
}
