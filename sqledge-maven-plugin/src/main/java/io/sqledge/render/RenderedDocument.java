package io.sqledge.render;

/**
 * The text one template produced: one YAML document, not yet parsed or verified.
 *
 * @param templateName the template as messages name it ({@code templates/deployment.yaml.ftl}, or
 *     the project's own {@code src/main/sqledge/templates/networkpolicy.yaml.ftl})
 * @param text the rendered YAML
 */
public record RenderedDocument(String templateName, String text) {}
