package io.sqledge.render;

/** The text one template produced: one YAML document, not yet parsed or verified. */
public record RenderedDocument(String templateName, String text) {}
