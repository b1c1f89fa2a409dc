package io.sqledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * The CRDs of the other operators whose kinds the plugin writes, as src/test/crds/crds.sh cached
 * them (SQLEDGE_CRDS, set by the build): cert-manager's Certificate and the Prometheus operator's
 * ServiceMonitor among an instance's resources; Argo CD's ApplicationSet and Flux's Kustomization
 * among the GitOps files.
 */
public final class OperatorCrds {

  /** The CRDs of an instance's kinds, by the names crds.properties gives them. */
  public static final List<String> NAMES = List.of("certificates", "servicemonitors");

  /** The CRDs of the GitOps engines' kinds. */
  public static final List<String> GITOPS = List.of("applicationsets", "kustomizations");

  private OperatorCrds() {}

  /** Every CRD file, in {@link #NAMES} order; missing ones fail the test that needs them. */
  public static List<Path> files() {
    return files(NAMES);
  }

  /** The GitOps engines' CRD files, in {@link #GITOPS} order. */
  public static List<Path> gitOpsFiles() {
    return files(GITOPS);
  }

  private static List<Path> files(List<String> names) {
    String root = System.getenv().getOrDefault("SQLEDGE_CRDS",
        System.getProperty("user.home") + "/.cache/sqledge/crds");
    Path index = Path.of(root, "crds.properties");
    if (!Files.isRegularFile(index)) {
      throw new AssertionError(index + " is missing: run sqledge-maven-plugin/src/test/crds/"
          + "crds.sh (the build does, before the tests)");
    }
    Properties files = new Properties();
    try (var in = Files.newBufferedReader(index)) {
      files.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return names.stream().map(name -> {
      String file = files.getProperty(name);
      if (file == null) {
        throw new AssertionError(index + " has no " + name + ": run sqledge-maven-plugin/src/"
            + "test/crds/crds.sh again (the build does, before the tests)");
      }
      return Path.of(file);
    }).toList();
  }
}
