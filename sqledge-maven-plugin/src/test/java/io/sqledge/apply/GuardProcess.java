package io.sqledge.apply;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.sqledge.verify.Manifest;
import io.sqledge.verify.ManifestSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The failover guard as the cluster would run it, on the test machine: the script from the
 * generated ConfigMap, run by BusyBox's sh (the shell of the guard's Alpine image), with the
 * environment of the generated Deployment, a real kubectl, and a token of the generated
 * ServiceAccount, so that the API server's RBAC authorizer judges every call the script makes.
 * On the simulated cluster no container runs; this process plays the guard pod's container.
 */
final class GuardProcess implements AutoCloseable {

  private final Process process;
  private final Path dir;
  private final Path log;

  private GuardProcess(Process process, Path dir) {
    this.process = process;
    this.dir = dir;
    this.log = dir.resolve("guard.log");
  }

  /** Starts the guard of {@code manifests} in {@code namespace}, as its ServiceAccount. */
  static GuardProcess start(SimulatedCluster cluster, ManifestSet manifests, String namespace)
      throws IOException {
    return start(cluster, manifests, namespace, false);
  }

  /** As above; with {@code once}, for one round only, as a CronJob's run would. */
  static GuardProcess start(SimulatedCluster cluster, ManifestSet manifests, String namespace,
      boolean once) throws IOException {
    Deployment deployment = manifests.manifests().stream().map(Manifest::resource)
        .filter(Deployment.class::isInstance).map(Deployment.class::cast)
        .filter(d -> d.getMetadata().getName().endsWith("-failover-guard"))
        .findFirst().orElseThrow(() -> new AssertionError("no failover guard in the output"));
    String name = deployment.getMetadata().getName();
    ConfigMap scripts = manifests.manifests().stream().map(Manifest::resource)
        .filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
        .filter(map -> map.getMetadata().getName().equals(name))
        .findFirst().orElseThrow();
    Path dir = Files.createTempDirectory("sqledge-guard-");
    Path script = dir.resolve("failover-guard.sh");
    Files.writeString(script, scripts.getData().get("failover-guard.sh"));
    Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    String serviceAccount = deployment.getSpec().getTemplate().getSpec().getServiceAccountName();

    List<String> command = new ArrayList<>();
    command.add(KubeBinaries.binary("busybox").toString());
    command.add("sh");
    command.add(script.toString());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(dir.resolve("guard.log").toFile());
    Map<String, String> env = builder.environment();
    env.clear();
    for (EnvVar var : container.getEnv()) {
      env.put(var.getName(), var.getValueFrom() == null ? var.getValue() : namespace);
    }
    Path home = Files.createDirectories(dir.resolve("home"));
    env.put("HOME", home.toString());
    env.put("KUBECONFIG", cluster.tokenKubeconfig(namespace, serviceAccount).toString());
    if (once) {
      env.put("SQLEDGE_ONCE", "true");
    }
    env.put("PATH", KubeBinaries.binary("kubectl").getParent() + ":/usr/bin:/bin");
    return new GuardProcess(builder.start(), dir);
  }

  /** Everything the guard has written. */
  String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Stops it as the kubelet would (SIGTERM), then for good, and removes its files. */
  @Override
  public void close() {
    SimulatedCluster.stop(process);
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    } catch (IOException e) {
      // a temporary directory: the system cleans it up
    }
  }
}
