package io.sqledge.maven;

import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns {@code sqledge.<path>} properties into configuration overrides: {@code
 * -Dsqledge.service.port=1434} sets {@code service.port}. Project properties apply first, user
 * properties (the command line) win. The plugin's own parameters are not configuration paths.
 */
final class ConfigOverrides {

  static final String PREFIX = "sqledge.";

  /** Properties that are Mojo parameters, not configuration paths. */
  static final Set<String> PARAMETERS =
      Set.of("config", "templates", "outputDirectory", "skip", "attach", "kubeconfig", "context",
          "createNamespace", "dryRun", "forceConflicts", "wait", "timeout", "saPasswordFrom",
          "saPasswordServerId", "deleteData", "failOnDiff", "apply.skip", "delete.skip");

  private ConfigOverrides() {}

  static Map<String, String> from(Properties project, Properties user) {
    Map<String, String> overrides = new TreeMap<>();
    collect(project, overrides);
    collect(user, overrides);
    return overrides;
  }

  private static void collect(Properties properties, Map<String, String> overrides) {
    for (String name : properties.stringPropertyNames()) {
      if (name.startsWith(PREFIX)) {
        String path = name.substring(PREFIX.length());
        if (!path.isEmpty() && !PARAMETERS.contains(path)) {
          overrides.put(path, properties.getProperty(name));
        }
      }
    }
  }
}
