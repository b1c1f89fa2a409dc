package io.sqledge.maven;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns {@code sqledge.<path>} properties into configuration overrides: {@code
 * -Dsqledge.service.port=1434} sets {@code service.port}. Project properties apply first, user
 * properties (the command line) win. The properties of the plugin's own goal parameters ({@code
 * sqledge.force}, …) are not configuration paths: they are read from the plugin descriptor, so a
 * new parameter is never mistaken for a misspelt key.
 */
final class ConfigOverrides {

  static final String PREFIX = "sqledge.";

  /** The plugin's descriptor, as the Maven Plugin Tools write it into the jar. */
  private static final String DESCRIPTOR = "META-INF/maven/plugin.xml";

  private static final Pattern PROPERTY = Pattern.compile("\\$\\{sqledge\\.([^}]+)}");

  /** The parameters of every goal of this plugin, by the property that sets them. */
  static final Set<String> PARAMETERS = parameters();

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

  private static Set<String> parameters() {
    try {
      // Other plugins' descriptors may be visible too: ours is the one with our goal prefix.
      for (URL url : Collections.list(
          ConfigOverrides.class.getClassLoader().getResources(DESCRIPTOR))) {
        try (InputStream in = url.openStream()) {
          String descriptor = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          if (descriptor.contains("<goalPrefix>sqledge</goalPrefix>")) {
            return propertiesOf(descriptor);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the plugin descriptor " + DESCRIPTOR, e);
    }
    throw new IllegalStateException("the plugin descriptor " + DESCRIPTOR + " is missing");
  }

  /**
   * Every {@code ${sqledge.x}} of the descriptor: the Maven Plugin Tools write a parameter's
   * property only as the expression of its configuration. Read as text, since a DOM parser costs
   * a fresh JVM more than the rest of a skipped generate.
   */
  private static Set<String> propertiesOf(String descriptor) {
    Set<String> properties = new TreeSet<>();
    Matcher property = PROPERTY.matcher(descriptor);
    while (property.find()) {
      properties.add(property.group(1));
    }
    return Collections.unmodifiableSet(properties);
  }
}
