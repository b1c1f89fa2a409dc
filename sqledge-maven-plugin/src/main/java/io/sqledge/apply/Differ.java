package io.sqledge.apply;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.verify.Manifest;
import io.sqledge.verify.ManifestSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * What apply would change on the cluster, as {@code kubectl diff --server-side} shows it: for each
 * resource, the live object against a server-side dry-run apply of ours, both stripped of
 * bookkeeping (managed fields, resource version, status, …). Server defaults appear on both sides,
 * so they cancel out. Nothing is written.
 */
public final class Differ {

  private static final List<String> METADATA_BOOKKEEPING = List.of("managedFields",
      "resourceVersion", "generation", "uid", "creationTimestamp", "selfLink");

  private final KubernetesClient client;

  public Differ(KubernetesClient client) {
    this.client = client;
  }

  public DiffReport diff(ManifestSet manifests, String requestedNamespace) throws SqledgeException {
    String namespace = requestedNamespace.isEmpty()
        ? Optional.ofNullable(client.getNamespace()).orElse("default") : requestedNamespace;
    List<DiffReport.ResourceDiff> diffs = new ArrayList<>();
    for (Manifest manifest : manifests.manifests()) {
      HasMetadata object = client.getKubernetesSerialization().clone(manifest.resource());
      boolean namespaced = object instanceof Namespaced;
      if (namespaced) {
        object.getMetadata().setNamespace(namespace);
      }
      String name = object.getKind() + "/" + object.getMetadata().getName();
      Resource<HasMetadata> resource = namespaced
          ? client.resource(object).inNamespace(namespace) : client.resource(object);
      try {
        HasMetadata live = resource.get();
        HasMetadata proposed = resource.dryRun()
            .fieldValidation(FieldValidateable.Validation.STRICT)
            .fieldManager(ApplyRequest.FIELD_MANAGER)
            .serverSideApply();
        List<String> before = live == null ? List.of() : lines(live);
        List<String> after = lines(proposed);
        List<String> unified = before.equals(after) ? List.of()
            : UnifiedDiffUtils.generateUnifiedDiff(live == null ? "/dev/null" : "live/" + name,
                "applied/" + name, before, DiffUtils.diff(before, after), 3);
        diffs.add(new DiffReport.ResourceDiff(name, live != null, unified));
      } catch (KubernetesClientException e) {
        throw new SqledgeException("sqledge: diff failed at " + name, List.of(ApiErrors.describe(
            name, namespaced ? namespace : "", "comparing " + name, e, Optional.empty(),
            String.valueOf(client.getMasterUrl()))), e);
      }
    }
    return new DiffReport(namespace, diffs);
  }

  @SuppressWarnings("unchecked")
  private List<String> lines(HasMetadata object) {
    Map<String, Object> map = new LinkedHashMap<>(
        client.getKubernetesSerialization().convertValue(object, Map.class));
    map.remove("status");
    Object metadata = map.get("metadata");
    if (metadata instanceof Map<?, ?> meta) {
      Map<String, Object> cleaned = new LinkedHashMap<>((Map<String, Object>) meta);
      METADATA_BOOKKEEPING.forEach(cleaned::remove);
      map.put("metadata", cleaned);
    }
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setSplitLines(false);
    return List.of(new Yaml(options).dump(map).split("\n"));
  }
}
