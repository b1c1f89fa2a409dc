package io.sqledge.apply;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.sqledge.render.ManifestModel;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether an object on the cluster is this plugin's to change or remove. Server-side apply merges
 * into any object of the same name: where no field conflicts (the API server's own {@code
 * default/kubernetes} Service, another team's claim), it would silently add our selector and port
 * to theirs. So an object is ours only when this plugin made it: our field manager in its
 * managedFields, or our {@code app.kubernetes.io/managed-by} label (the label also marks what
 * {@code kubectl apply -k target/sqledge} applied from our output). And it must be of the same
 * instance: another sqledge instance's object (its {@code app.kubernetes.io/instance} label) is
 * not ours either.
 */
public final class Ownership {

  static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
  static final String INSTANCE_LABEL = "app.kubernetes.io/instance";

  private Ownership() {}

  /** Whether this plugin made {@code live}, for any instance. */
  static boolean madeByUs(HasMetadata live) {
    return ManifestModel.MANAGED_BY.equals(label(live, MANAGED_BY_LABEL))
        || managers(live).contains(ApplyRequest.FIELD_MANAGER);
  }

  /**
   * Why {@code live} is not ours to change into {@code desired}; empty when it is: made by this
   * plugin, for the same instance.
   */
  static Optional<String> foreign(HasMetadata desired, HasMetadata live) {
    if (!madeByUs(live)) {
      List<String> managers = managers(live);
      String managedBy = label(live, MANAGED_BY_LABEL);
      return Optional.of("it exists and was not made by sqledge: "
          + (managers.isEmpty() ? "no field manager is recorded"
              : "its field managers are " + String.join(", ", managers))
          + (managedBy == null ? "" : ", and it is labelled managed-by " + managedBy));
    }
    String ours = label(desired, INSTANCE_LABEL);
    String theirs = label(live, INSTANCE_LABEL);
    if (ours != null && theirs != null && !ours.equals(theirs)) {
      return Optional.of("it belongs to another sqledge instance, `" + theirs + "`");
    }
    return Optional.empty();
  }

  /** The field managers the server recorded, in its order, each once. */
  private static List<String> managers(HasMetadata live) {
    List<ManagedFieldsEntry> entries = live.getMetadata().getManagedFields();
    return entries == null ? List.of() : entries.stream().map(ManagedFieldsEntry::getManager)
        .filter(Objects::nonNull).distinct().toList();
  }

  private static String label(HasMetadata object, String key) {
    Map<String, String> labels = object.getMetadata().getLabels();
    return labels == null ? null : labels.get(key);
  }
}
