package io.sqledge.verify;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.util.Map;

/**
 * One verified resource: the document as the template wrote it (key order kept), which is what
 * gets written and applied, with the identity the schema check established.
 *
 * <p>The typed fabric8 object is made on first use only: generating never needs it, and building
 * Jackson's deserializers for the Kubernetes model costs about a second in a fresh JVM. Apply,
 * diff and delete ask for it.
 */
public final class Manifest {

  private final String templateName;
  private final Map<String, Object> document;
  private final String apiVersion;
  private final String kind;
  private final String name;
  private final boolean namespaced;
  private volatile HasMetadata resource;

  Manifest(String templateName, Map<String, Object> document, String apiVersion, String kind,
      String name, boolean namespaced) {
    this.templateName = templateName;
    this.document = document;
    this.apiVersion = apiVersion;
    this.kind = kind;
    this.name = name;
    this.namespaced = namespaced;
  }

  /** The template that produced it. */
  public String templateName() {
    return templateName;
  }

  /** The parsed YAML document. */
  public Map<String, Object> document() {
    return document;
  }

  public String apiVersion() {
    return apiVersion;
  }

  public String kind() {
    return kind;
  }

  public String name() {
    return name;
  }

  /** Whether the kind lives in a namespace (a Deployment) or cluster-wide (a StorageClass). */
  public boolean namespaced() {
    return namespaced;
  }

  /** {@code Deployment/sqledge}, as kubectl names resources. */
  public String describe() {
    return kind + "/" + name;
  }

  /** The typed fabric8 object of the document (a {@code Deployment}, a {@code Service}, …). */
  public HasMetadata resource() {
    HasMetadata typed = resource;
    if (typed == null) {
      KubernetesResource converted = Json.MAPPER.convertValue(document, KubernetesResource.class);
      if (!(converted instanceof HasMetadata metadata)) {
        throw new IllegalStateException(describe() + " has no fabric8 model class");
      }
      typed = metadata;
      resource = typed;
    }
    return typed;
  }

  /** Jackson, loaded with the first typed object rather than with this class. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  @Override
  public String toString() {
    return templateName + ": " + describe();
  }
}
