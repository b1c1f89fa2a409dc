package io.sqledge.maven;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

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
          DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
          factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
          Document descriptor = factory.newDocumentBuilder().parse(in);
          NodeList prefix = descriptor.getElementsByTagName("goalPrefix");
          if (prefix.getLength() > 0 && prefix.item(0).getTextContent().trim().equals("sqledge")) {
            return propertiesOf(descriptor);
          }
        }
      }
    } catch (IOException | ParserConfigurationException | SAXException e) {
      throw new IllegalStateException("cannot read the plugin descriptor " + DESCRIPTOR, e);
    }
    throw new IllegalStateException("the plugin descriptor " + DESCRIPTOR + " is missing");
  }

  /** Every {@code ${sqledge.x}} of the goals' parameter configuration. */
  private static Set<String> propertiesOf(Document descriptor) {
    Set<String> properties = new TreeSet<>();
    NodeList configurations = descriptor.getElementsByTagName("configuration");
    for (int i = 0; i < configurations.getLength(); i++) {
      NodeList values = ((Element) configurations.item(i)).getChildNodes();
      for (int j = 0; j < values.getLength(); j++) {
        Matcher property = PROPERTY.matcher(values.item(j).getTextContent().trim());
        if (property.matches()) {
          properties.add(property.group(1));
        }
      }
    }
    return Collections.unmodifiableSet(properties);
  }
}
