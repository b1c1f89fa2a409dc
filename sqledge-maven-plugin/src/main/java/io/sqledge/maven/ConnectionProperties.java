package io.sqledge.maven;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.maven.project.MavenProject;

/**
 * The connection of an applied instance as project properties, for the plugins that run later in
 * the same build (Flyway, Failsafe, …): {@code sqledge.<name>.<key>} for every instance, and
 * {@code sqledge.<key>} too when the configuration has one instance. The keys are {@link
 * io.sqledge.apply.Endpoint#connection}'s.
 *
 * <p>These properties share the {@code sqledge.} prefix of the configuration overrides, so the
 * names set here are remembered in the project's context and are never read back as overrides by
 * a later goal (a fleet instance called {@code service} publishes {@code sqledge.service.port}).
 */
final class ConnectionProperties {

  private static final String PUBLISHED = ConnectionProperties.class.getName() + ".published";

  private ConnectionProperties() {}

  /** Sets the properties of {@code instance}; returns their names. */
  static List<String> publish(MavenProject project, String instance, boolean onlyInstance,
      Map<String, String> connection) {
    List<String> prefixes = onlyInstance
        ? List.of(ConfigOverrides.PREFIX, ConfigOverrides.PREFIX + instance + ".")
        : List.of(ConfigOverrides.PREFIX + instance + ".");
    List<String> names = new ArrayList<>();
    for (String prefix : prefixes) {
      connection.forEach((key, value) -> {
        project.getProperties().setProperty(prefix + key, value);
        names.add(prefix + key);
      });
    }
    published(project).addAll(names);
    return names;
  }

  /** The project's properties without those this class set: what may be an override. */
  static Properties overridable(MavenProject project) {
    Properties properties = new Properties();
    Set<String> published = published(project);
    project.getProperties().forEach((name, value) -> {
      if (!published.contains(name)) {
        properties.put(name, value);
      }
    });
    return properties;
  }

  @SuppressWarnings("unchecked")
  private static Set<String> published(MavenProject project) {
    synchronized (project) {
      Object names = project.getContextValue(PUBLISHED);
      if (names == null) {
        names = ConcurrentHashMap.newKeySet();
        project.setContextValue(PUBLISHED, names);
      }
      return (Set<String>) names;
    }
  }
}
