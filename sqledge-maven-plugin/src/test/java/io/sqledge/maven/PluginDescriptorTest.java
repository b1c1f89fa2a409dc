package io.sqledge.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The generated plugin descriptor: goals, phases, and a {@code sqledge.*} property per parameter. */
class PluginDescriptorTest {

  private static Element mojo(Document descriptor, String goal) {
    NodeList mojos = descriptor.getElementsByTagName("mojo");
    for (int i = 0; i < mojos.getLength(); i++) {
      Element mojo = (Element) mojos.item(i);
      if (text(mojo, "goal").equals(goal)) {
        return mojo;
      }
    }
    throw new AssertionError("no goal " + goal);
  }

  private static String text(Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
  }

  private static Document descriptor() throws Exception {
    try (InputStream in = PluginDescriptorTest.class.getResourceAsStream("/META-INF/maven/plugin.xml")) {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(in);
    }
  }

  @Test
  void goalPrefixIsSqledge() throws Exception {
    assertEquals("sqledge", text(descriptor().getDocumentElement(), "goalPrefix"));
  }

  @Test
  void generateRunsInANormalBuildAndIsThreadSafe() throws Exception {
    Element generate = mojo(descriptor(), "generate");
    assertEquals("process-resources", text(generate, "phase"));
    assertEquals("true", text(generate, "threadSafe"));
  }

  @Test
  void helpGoalExists() throws Exception {
    mojo(descriptor(), "help");
  }

  @Test
  void everyUserParameterHasASqledgeProperty() throws Exception {
    Document descriptor = descriptor();
    Element generate = mojo(descriptor, "generate");
    Element configuration = (Element) generate.getElementsByTagName("configuration").item(0);
    List<String> missing = new ArrayList<>();
    NodeList parameters = ((Element) generate.getElementsByTagName("parameters").item(0))
        .getElementsByTagName("parameter");
    for (int i = 0; i < parameters.getLength(); i++) {
      Element parameter = (Element) parameters.item(i);
      if (!text(parameter, "editable").equals("true")) {
        continue;
      }
      String name = text(parameter, "name");
      Element value = (Element) configuration.getElementsByTagName(name).item(0);
      String expression = value == null ? "" : value.getTextContent().trim();
      if (!expression.startsWith("${sqledge.")) {
        missing.add(name + " → " + expression);
      }
    }
    assertTrue(missing.isEmpty(), "parameters without a sqledge.* property: " + missing);
  }

  @Test
  void theParametersThatAreNotConfigurationPathsComeFromTheDescriptor() {
    assertTrue(ConfigOverrides.PARAMETERS.containsAll(List.of("config", "templates",
        "outputDirectory", "force", "skip", "attach", "kubeconfig", "context", "createNamespace",
        "dryRun", "forceConflicts", "wait", "timeout", "saPasswordFrom", "saPasswordServerId",
        "deleteData", "failOnDiff", "generate.skip", "apply.skip", "diff.skip", "status.skip",
        "failover.skip", "delete.skip")), ConfigOverrides.PARAMETERS::toString);
    assertTrue(ConfigOverrides.PARAMETERS.stream().noneMatch(p -> p.startsWith("service")),
        ConfigOverrides.PARAMETERS::toString);
  }
}
