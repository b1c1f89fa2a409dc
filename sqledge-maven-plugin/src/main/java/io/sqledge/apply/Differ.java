package io.sqledge.apply;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable;
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
 * resource of the {@link ClusterPlan}, the live object against a server-side dry-run apply of ours
 * (taking over fields as {@code -Dsqledge.forceConflicts} would, so the whole wanted state shows),
 * both stripped of bookkeeping (managed fields, resource version, status, …). Server defaults
 * appear on both sides, so they cancel out. In a namespace that does not exist yet every resource
 * is new and shown as we render it. Nothing is written.
 */
public final class Differ {

  private static final List<String> METADATA_BOOKKEEPING = List.of("managedFields",
      "resourceVersion", "generation", "uid", "creationTimestamp", "selfLink");

  private final KubernetesClient client;

  public Differ(KubernetesClient client) {
    this.client = client;
  }

  public DiffReport diff(ManifestSet manifests, String requestedNamespace) throws SqledgeException {
    ClusterPlan plan = ClusterPlan.read(client,
        manifests.manifests().stream().map(Manifest::resource).toList(), requestedNamespace,
        ClusterPlan.Purpose.DIFF);
    List<DiffReport.ResourceDiff> diffs = new ArrayList<>();
    for (ClusterPlan.Step step : plan.steps()) {
      try {
        HasMetadata proposed = plan.reachable(step)
            ? step.resource().dryRun()
                .fieldValidation(FieldValidateable.Validation.STRICT)
                .fieldManager(ApplyRequest.FIELD_MANAGER)
                .forceConflicts()
                .serverSideApply()
            : step.desired();
        List<String> before = step.live().map(this::lines).orElse(List.of());
        List<String> after = lines(proposed);
        List<String> unified = before.equals(after) ? List.of()
            : UnifiedDiffUtils.generateUnifiedDiff(
                step.live().isEmpty() ? "/dev/null" : "live/" + step.name(),
                "applied/" + step.name(), before, DiffUtils.diff(before, after), 3);
        diffs.add(new DiffReport.ResourceDiff(step.name(), step.live().isPresent(), unified,
            step.live().flatMap(live -> Ownership.foreign(step.desired(), live))));
      } catch (KubernetesClientException e) {
        throw new SqledgeException("sqledge: diff failed at " + step.name(), List.of(
            ApiErrors.describe(step.name(), step.where(plan), "comparing " + step.name(), e,
                Optional.empty(), String.valueOf(client.getMasterUrl()))), e);
      }
    }
    return new DiffReport(plan.namespace(), diffs);
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
