package io.sqledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * The CRDs of the other operators whose kinds the plugin writes, as src/test/crds/crds.sh cached
 * them (SQLEDGE_CRDS, set by the build): cert-manager's Certificate, the Prometheus operator's
 * ServiceMonitor.
 */
public final class OperatorCrds {

  /** The CRDs by the names crds.properties gives them. */
  public static final List<String> NAMES = List.of("certificates", "servicemonitors");

  private OperatorCrds() {}

  /** Every CRD file, in {@link #NAMES} order; missing ones fail the test that needs them. */
  public static List<Path> files() {
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
    return NAMES.stream().map(name -> Path.of(files.getProperty(name))).toList();
  }
}
