package io.sqledge.verify;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.util.Map;
import java.util.Optional;

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
  private final String kind;
  private final String name;
  private final boolean namespaced;
  private volatile HasMetadata resource;

  Manifest(String templateName, Map<String, Object> document, String kind, String name,
      boolean namespaced) {
    this.templateName = templateName;
    this.document = document;
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

  /**
   * The typed fabric8 object of the document (a {@code Deployment}, a {@code Service}, …); for
   * another operator's kind, which fabric8's model has no class for (cert-manager's {@code
   * Certificate}), a {@link GenericKubernetesResource}: the verifier held it to the kind's CRD
   * schema, and the client applies it as it is.
   */
  public HasMetadata resource() {
    HasMetadata typed = resource;
    if (typed == null) {
      typed = typed(document).orElseGet(() ->
          Json.MAPPER.convertValue(document, GenericKubernetesResource.class));
      resource = typed;
    }
    return typed;
  }

  /**
   * The document as fabric8's typed model reads it; empty when the model has no class of its own
   * for the kind or the document does not fit it.
   */
  static Optional<HasMetadata> typed(Map<String, Object> document) {
    try {
      return Json.MAPPER.convertValue(document, KubernetesResource.class)
          instanceof HasMetadata metadata && !(metadata instanceof GenericKubernetesResource)
          ? Optional.of(metadata) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
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
