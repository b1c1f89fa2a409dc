package io.sqledge.apply;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the build put the Kubernetes binaries (src/test/kube/kube-binaries.sh): the cache root
 * named by {@code KUBE_API_TEST_DIR} (tests) or the system property {@code kube.binaries} (the
 * invoker's hook scripts), laid out as kube-api-test expects,
 * {@code k8s/<version>-linux-<arch>/}. A missing binary fails the test that needs it, loudly.
 */
public final class KubeBinaries {

  private KubeBinaries() {}

  /** The cache root, as kube-api-test's test directory. */
  public static String root() {
    String root = Optional.ofNullable(System.getenv("KUBE_API_TEST_DIR"))
        .or(() -> Optional.ofNullable(System.getProperty("kube.binaries")))
        .orElse(System.getProperty("user.home") + "/.cache/sqledge/kube");
    if (!new File(root, "k8s").isDirectory()) {
      throw missing(root + "/k8s");
    }
    return root;
  }

  /** The binary {@code name} (kubectl, kwok, …), which must exist. */
  public static Path binary(String name) {
    File[] versions = new File(root(), "k8s").listFiles(File::isDirectory);
    if (versions == null || versions.length == 0) {
      throw missing(root() + "/k8s/<version>-linux-<arch>");
    }
    File binary = new File(versions[0], name);
    if (!binary.canExecute()) {
      throw missing(binary.getPath());
    }
    return binary.toPath();
  }

  private static IllegalStateException missing(String what) {
    return new IllegalStateException("no " + what + ": run"
        + " sqledge-maven-plugin/src/test/kube/kube-binaries.sh (needs Go), or point"
        + " -Dkube.binaries at the directory it fills");
  }
}
