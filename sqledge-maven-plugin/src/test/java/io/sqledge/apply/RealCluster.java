package io.sqledge.apply;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.sqledge.OperatorCrds;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real kube-apiserver with etcd (io.fabric8:kube-api-test in offline mode), started once per test
 * JVM and shared by the tests, each of which works in a namespace of its own. There are no nodes:
 * no pod ever runs, so tests drive readiness by writing status through the API.
 *
 * <p>The binaries come from {@link KubeBinaries}. Without them the tests fail, loudly: they are
 * never skipped. {@link SimulatedCluster} adds nodes, pods and controllers.
 */
public final class RealCluster {

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

  private static RealCluster shared;

  private final KubeAPIServer server;
  private final Path kubeconfig;
  private final KubernetesClient admin;
  private final AtomicInteger namespaces = new AtomicInteger();

  private RealCluster(KubeAPIServer server, Path kubeconfig) {
    this.server = server;
    this.kubeconfig = kubeconfig;
    this.admin = new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(null, server.getKubeConfigYaml(), kubeconfig.toString()))
        .build();
  }

  public static synchronized RealCluster shared() {
    if (shared == null) {
      shared = start();
      Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
    }
    return shared;
  }

  /** A new API server with etcd, started; the caller stops it ({@link #stop}). */
  public static RealCluster start() {
    KubeAPIServer server = startServer();
    try {
      Path kubeconfig = Files.createTempFile("sqledge-kubeconfig", ".yaml");
      Files.writeString(kubeconfig, server.getKubeConfigYaml());
      kubeconfig.toFile().deleteOnExit();
      return new RealCluster(server, kubeconfig);
    } catch (IOException | RuntimeException e) {
      server.stop();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  /** Stops the API server and etcd. */
  public void stop() {
    admin.close();
    server.stop();
  }

  private static KubeAPIServer startServer() {
    KubeAPIServer server = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
        .withTestDir(KubeBinaries.root())
        .withOfflineMode(true)
        .withUpdateKubeConfig(false)
        .withStartupTimeout((int) STARTUP_TIMEOUT.toMillis())
        .build());
    waitOutMidnight();
    try {
      server.start();
    } catch (RuntimeException e) {
      server.stop(); // etcd may be up while the API server failed: leave no process behind
      throw e;
    }
    return server;
  }

  /**
   * kube-api-test 7.5.2 measures its start-up timeout with {@code LocalTime}: started within that
   * timeout before midnight, the deadline wraps to the small hours and it gives up at once ("Kube
   * API Server did not start properly", seen at 23:58). Starting just after midnight avoids it.
   */
  private static void waitOutMidnight() {
    LocalTime now = LocalTime.now();
    if (now.isAfter(LocalTime.MAX.minus(STARTUP_TIMEOUT))) {
      try {
        Thread.sleep(Duration.between(now, LocalTime.MAX).plusSeconds(1).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * {@code kubectl kustomize} over {@code directory}, with the kubectl built beside the API server;
   * what it printed, and whether it succeeded.
   */
  public static Kustomized kustomize(Path directory) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(KubeBinaries.binary("kubectl").toString(), "kustomize",
        directory.toString()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    return new Kustomized(process.waitFor() == 0, output);
  }

  /** What {@link #kustomize} printed, and whether kubectl succeeded. */
  public record Kustomized(boolean ok, String output) {}

  /**
   * A kubeconfig file for a new service account {@code name} in {@code namespace}: authenticated,
   * and authorized for whatever the test then grants it (RBAC), nothing more.
   */
  public Path serviceAccountKubeconfig(String namespace, String name) throws IOException {
    admin.serviceAccounts().inNamespace(namespace).resource(new ServiceAccountBuilder()
        .withNewMetadata().withName(name).endMetadata().build()).create();
    return tokenKubeconfig(namespace, name);
  }

  /** A kubeconfig file with a token of the existing ServiceAccount {@code namespace/name}. */
  public Path tokenKubeconfig(String namespace, String name) throws IOException {
    String token = admin.serviceAccounts().inNamespace(namespace).withName(name)
        .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L)
            .endSpec().build())
        .getStatus().getToken();
    Path file = Files.createTempFile(name, ".yaml");
    file.toFile().deleteOnExit();
    Files.writeString(file, """
        apiVersion: v1
        kind: Config
        clusters:
          - name: test
            cluster:
              server: %s
              insecure-skip-tls-verify: true
        contexts:
          - name: %s
            context: {cluster: test, user: %s}
        current-context: %s
        users:
          - name: %s
            user: {token: %s}
        """.formatted(admin.getMasterUrl(), name, name, name, name, token));
    return file;
  }

  /** The CRD files installed on this server so far. */
  private final java.util.Set<Path> installedCrds = new java.util.HashSet<>();

  /**
   * Installs the CRDs of cert-manager and the Prometheus operator (once per API server) and waits
   * until the server serves their kinds, as a cluster with those operators has them.
   */
  public RealCluster withOperatorCrds() throws IOException {
    return withCrds(OperatorCrds.files());
  }

  /** Installs the CRDs of Argo CD's ApplicationSet and Flux's Kustomization, likewise. */
  public RealCluster withGitOpsCrds() throws IOException {
    return withCrds(OperatorCrds.gitOpsFiles());
  }

  private synchronized RealCluster withCrds(java.util.List<Path> files) throws IOException {
    for (Path file : files) {
      if (installedCrds.contains(file)) {
        continue;
      }
      CustomResourceDefinition crd;
      try (InputStream in = Files.newInputStream(file)) {
        crd = admin.apiextensions().v1().customResourceDefinitions().load(in).item();
      }
      // Created, not applied: Argo CD's ApplicationSet CRD is too large for the annotation of a
      // client-side apply.
      admin.apiextensions().v1().customResourceDefinitions().resource(crd)
          .createOr(NonDeletingOperation::update);
      admin.apiextensions().v1().customResourceDefinitions()
          .withName(crd.getMetadata().getName())
          .waitUntilCondition(live -> live != null && live.getStatus() != null
              && live.getStatus().getConditions() != null
              && live.getStatus().getConditions().stream().anyMatch(condition ->
                  condition.getType().equals("Established")
                      && condition.getStatus().equals("True")), 60, TimeUnit.SECONDS);
      installedCrds.add(file);
    }
    return this;
  }

  /** A client with full rights, for setting up and inspecting. */
  public KubernetesClient admin() {
    return admin;
  }

  /** A kubeconfig file for this server, as a user would have one. */
  public Path kubeconfig() {
    return kubeconfig;
  }

  public ClusterSettings settings() {
    return new ClusterSettings(Optional.of(kubeconfig), Optional.empty(), Duration.ofSeconds(10));
  }

  /** A fresh namespace, created, with a unique name. */
  public String newNamespace(String prefix) {
    String name = prefix + "-" + namespaces.incrementAndGet();
    admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
        .endMetadata().build()).create();
    return name;
  }

  /** A unique namespace name that does not exist. */
  public String missingNamespace(String prefix) {
    return prefix + "-missing-" + namespaces.incrementAndGet();
  }
}
