package io.sqledge.verify;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;

/**
 * One verified resource: the typed fabric8 object, and the document as the template wrote it
 * (key order kept), which is what gets written and applied.
 *
 * @param templateName the template that produced it
 * @param resource the typed object
 * @param document the parsed YAML document
 */
public record Manifest(String templateName, HasMetadata resource, Map<String, Object> document) {

  public String kind() {
    return resource.getKind();
  }

  public String name() {
    return resource.getMetadata().getName();
  }

  /** {@code Deployment/sqledge}, as kubectl names resources. */
  public String describe() {
    return kind() + "/" + name();
  }
}
