package io.sqledge.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
      shared = start(Map.of());
      Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
    }
    return shared;
  }

  /** A new API server with etcd, started; the caller stops it ({@link #stop}). */
  public static RealCluster start() {
    return start(Map.of());
  }

  /**
   * A new API server that records every request it serves in an audit log (at the Metadata
   * level: who, which verb, which resource), read with {@link #audited}.
   */
  public static RealCluster startAudited() {
    try {
      Path directory = Files.createTempDirectory("sqledge-audit");
      directory.toFile().deleteOnExit();
      Path policy = directory.resolve("policy.yaml");
      Files.writeString(policy, "apiVersion: audit.k8s.io/v1\nkind: Policy\n"
          + "omitStages: [RequestReceived]\nrules:\n  - level: Metadata\n");
      RealCluster cluster = start(Map.of("--audit-policy-file", policy.toString(),
          "--audit-log-path", directory.resolve("audit.log").toString()));
      cluster.auditLog = directory.resolve("audit.log");
      return cluster;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The audit log of a server started by {@link #startAudited}. */
  private Path auditLog;

  /** One request the server served: who made it, the verb, and what it named. */
  public record AuditedRequest(String user, String verb, String apiGroup, String resource,
      String subresource, String namespace, int code) {}

  /** Every request {@code user} made, as the audit log holds them so far. */
  public List<AuditedRequest> audited(String user) throws IOException {
    if (auditLog == null) {
      throw new IllegalStateException("this server keeps no audit log: use startAudited()");
    }
    ObjectMapper json = new ObjectMapper();
    List<AuditedRequest> requests = new ArrayList<>();
    for (String line : Files.readAllLines(auditLog)) {
      JsonNode event = json.readTree(line);
      if (!event.path("user").path("username").asText().equals(user)) {
        continue;
      }
      JsonNode object = event.path("objectRef");
      requests.add(new AuditedRequest(user, event.path("verb").asText(),
          object.path("apiGroup").asText(""), object.path("resource").asText(""),
          object.path("subresource").asText(""), object.path("namespace").asText(""),
          event.path("responseStatus").path("code").asInt()));
    }
    return requests;
  }

  private static RealCluster start(Map<String, String> flags) {
    KubeAPIServer server = startServer(flags);
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

  private static KubeAPIServer startServer(Map<String, String> flags) {
    KubeAPIServerConfigBuilder config = KubeAPIServerConfigBuilder.anAPIServerConfig()
        .withTestDir(KubeBinaries.root())
        .withOfflineMode(true)
        .withUpdateKubeConfig(false)
        .withStartupTimeout((int) STARTUP_TIMEOUT.toMillis());
    flags.forEach(config::withApiServerFlag);
    KubeAPIServer server = new KubeAPIServer(config.build());
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
