package io.sqledge.docs;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The goal and parameter reference of docs/goals.md, made from the plugin descriptor that the
 * Maven Plugin Tools write from the Mojos' Javadoc and annotations: the same source as {@code mvn
 * sqledge:help -Ddetail} and maven-plugin-report-plugin's pages, as Markdown that the repository
 * shows as it is.
 */
final class GoalReference {

  static final GeneratedSection SECTION = new GeneratedSection("docs/goals.md",
      "<!-- goal reference: generated from the plugin descriptor (DocsTest); edit the Mojos'"
          + " Javadoc and annotations, not this text -->\n",
      "<!-- end of the generated goal reference -->\n");

  /** A goal as the descriptor has it. */
  record Goal(String name, String description, String phase, List<Parameter> parameters) {}

  /** A user parameter (editable) of a goal. */
  record Parameter(String name, String type, boolean required, String property,
      String defaultValue, String description) {}

  private GoalReference() {}

  static List<Goal> goals() throws Exception {
    Document descriptor;
    try (InputStream in = GoalReference.class.getResourceAsStream("/META-INF/maven/plugin.xml")) {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      descriptor = factory.newDocumentBuilder().parse(in);
    }
    List<Goal> goals = new ArrayList<>();
    for (Element mojo : children(descriptor.getDocumentElement(), "mojos", "mojo")) {
      Element configuration = child(mojo, "configuration");
      List<Parameter> parameters = new ArrayList<>();
      for (Element parameter : children(mojo, "parameters", "parameter")) {
        if (!text(parameter, "editable").equals("true")) {
          continue;
        }
        String name = text(parameter, "name");
        Element value = configuration == null ? null : child(configuration, name);
        String expression = value == null ? "" : value.getTextContent().trim();
        parameters.add(new Parameter(name, text(parameter, "type"),
            text(parameter, "required").equals("true"),
            expression.startsWith("${") ? expression.substring(2, expression.length() - 1) : "",
            value == null ? "" : value.getAttribute("default-value"),
            text(parameter, "description")));
      }
      parameters.sort(Comparator.comparing(Parameter::name));
      goals.add(new Goal(text(mojo, "goal"), text(mojo, "description"), text(mojo, "phase"),
          parameters));
    }
    goals.sort(Comparator.comparing(Goal::name));
    return goals;
  }

  static String markdown() throws Exception {
    StringBuilder page = new StringBuilder();
    for (Goal goal : goals()) {
      page.append("\n## sqledge:").append(goal.name()).append("\n\n")
          .append(prose(goal.description())).append("\n\n");
      if (!goal.phase().isEmpty()) {
        page.append("Bound to the phase `").append(goal.phase())
            .append("` when an execution declares it without one.\n\n");
      }
      page.append("| Parameter | Property | Type | Default | Meaning |\n|---|---|---|---|---|\n");
      for (Parameter parameter : goal.parameters()) {
        page.append("| `").append(parameter.name()).append("` | ")
            .append(parameter.property().isEmpty() ? "" : "`" + parameter.property() + "`")
            .append(" | ").append(parameter.type().substring(parameter.type().lastIndexOf('.') + 1))
            .append(" | ").append(parameter.required() ? "(required)"
                : parameter.defaultValue().isEmpty() ? "" : "`" + parameter.defaultValue() + "`")
            .append(" | ").append(prose(parameter.description()).replace("\n\n", " ")
                .replace("|", "\\|"))
            .append(" |\n");
      }
    }
    return page.toString();
  }

  /** The descriptor's plain text as Markdown: paragraphs kept, nothing read as HTML. */
  private static String prose(String text) {
    return text.strip().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("*", "\\*")
        .replaceAll(" *\n *", "\n\n").replaceAll("\n{3,}", "\n\n");
  }

  private static List<Element> children(Element parent, String list, String item) {
    Element container = child(parent, list);
    List<Element> elements = new ArrayList<>();
    if (container != null) {
      NodeList nodes = container.getChildNodes();
      for (int i = 0; i < nodes.getLength(); i++) {
        if (nodes.item(i) instanceof Element element && element.getTagName().equals(item)) {
          elements.add(element);
        }
      }
    }
    return elements;
  }

  private static Element child(Element parent, String name) {
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && element.getTagName().equals(name)) {
        return element;
      }
    }
    return null;
  }

  private static String text(Element parent, String name) {
    Element element = child(parent, name);
    return element == null ? "" : element.getTextContent().trim();
  }
}
