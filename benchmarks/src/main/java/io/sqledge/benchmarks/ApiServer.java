package io.sqledge.benchmarks;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts a real kube-apiserver and etcd (kube-api-test, offline, from the binaries the plugin's
 * build makes), writes a kubeconfig for it, and runs until it is killed: the cluster
 * {@code benchmarks/run} applies to, with kubectl and with the plugin.
 *
 * <p>Arguments: the binaries directory (holding {@code k8s/<version>-linux-amd64/}) and the
 * kubeconfig file to write.
 */
public final class ApiServer {

  private ApiServer() {}

  public static void main(String[] args) throws Exception {
    KubeAPIServer server = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
        .withTestDir(args[0])
        .withOfflineMode(true)
        .withUpdateKubeConfig(false)
        .withStartupTimeout(120_000)
        .build());
    server.start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    Path kubeconfig = Path.of(args[1]);
    Path written = kubeconfig.resolveSibling(kubeconfig.getFileName() + ".tmp");
    Files.writeString(written, server.getKubeConfigYaml());
    Files.move(written, kubeconfig);
    System.out.println("kube-apiserver ready; kubeconfig " + kubeconfig);
    Thread.currentThread().join();
  }
}
