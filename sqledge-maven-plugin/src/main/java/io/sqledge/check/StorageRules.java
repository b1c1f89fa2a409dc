package io.sqledge.check;

import io.sqledge.config.Quantities;
import io.sqledge.config.StorageConfig;
import io.sqledge.diagnostic.Problem;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The disk: the StorageClass, its provisioner, and the claim's name and size. */
final class StorageRules {

  private StorageRules() {}

  /** In-tree provisioners removed from Kubernetes, and the CSI driver that replaced each. */
  static final Map<String, String> REMOVED_PROVISIONERS =
      Map.of(
          "kubernetes.io/azure-disk", "disk.csi.azure.com",
          "kubernetes.io/aws-ebs", "ebs.csi.aws.com",
          "kubernetes.io/gce-pd", "pd.csi.storage.gke.io",
          "kubernetes.io/cinder", "cinder.csi.openstack.org",
          "kubernetes.io/vsphere-volume", "csi.vsphere.vmware.com");

  /** Provisioners whose volumes live on one node: a pod using them cannot fail over elsewhere. */
  static final Set<String> NODE_LOCAL_PROVISIONERS =
      Set.of("rancher.io/local-path", "kubernetes.io/no-provisioner", "openebs.io/local",
          "topolvm.io", "local.csi.openebs.io");

  static void check(StorageConfig storage, Rules rules) {
    if (storage.className().isEmpty()) {
      if (storage.createClass()) {
        rules.error("storage.className", "`storage.className` is empty, but"
            + " `storage.createClass` is true", "name the class to create, such as `sqledge-disk`");
      }
    } else {
      rules.name("storage.className", storage.className(), KubernetesNames::dns1123Subdomain,
          "it names a StorageClass");
    }
    if (storage.createClass() && NODE_LOCAL_PROVISIONERS.contains(storage.provisioner())) {
      rules.warning("storage.provisioner", "`" + storage.provisioner() + "` keeps the database"
              + " on one node's disk: if that node fails, the pod cannot fail over to another node",
          "use a network-attached CSI driver for high availability (platform aks, eks or gke)");
    }
    rules.name("storage.claimName", storage.claimName(), KubernetesNames::dns1123Subdomain,
        "it names a PersistentVolumeClaim");
    String replacement = REMOVED_PROVISIONERS.get(storage.provisioner());
    if (storage.createClass() && replacement != null) {
      rules.error("storage.provisioner",
          "the in-tree provisioner `" + storage.provisioner()
              + "` was removed from Kubernetes (azure-disk and aws-ebs in 1.27); the CSI driver `"
              + replacement + "` serves its disks now",
          "use its CSI driver: `storage.provisioner: " + replacement + "`");
    } else if (storage.createClass() && !storage.provisioner().isBlank()
        && !MetadataRules.isKey(storage.provisioner().toLowerCase(Locale.ROOT))) {
      rules.error("storage.provisioner", "`storage.provisioner` `"
              + Problem.shorten(storage.provisioner()) + "` is not a provisioner name",
          "name the CSI driver, such as disk.csi.azure.com: at most 63 letters, digits, '-', '_'"
              + " and '.', after an optional DNS prefix and '/'");
    } else if (storage.createClass() && storage.provisioner().isBlank()) {
      rules.error("storage.provisioner", "`storage.provisioner` is empty",
          "name the cluster's CSI driver, such as disk.csi.azure.com or ebs.csi.aws.com");
    }
    for (String name : storage.parameters().keySet()) {
      if (name.isBlank()) {
        rules.error("storage.parameters", "a StorageClass parameter has an empty name",
            "remove it");
      }
    }
    Optional<BigDecimal> size = Quantities.parse(storage.size());
    if (size.isEmpty()) {
      rules.error("storage.size", "`storage.size` is `" + Problem.shorten(storage.size())
              + "`, which is not a Kubernetes quantity",
          Quantities.suggest(storage.size()).map(s -> "write `size: " + s + "`")
              .orElse("write a number with a unit, such as `8Gi` (binary) or `8G` (decimal)"));
    } else if (size.get().signum() <= 0) {
      rules.error("storage.size", "`storage.size` is `" + Problem.shorten(storage.size())
          + "`, but a disk needs a positive size", "write a size such as `8Gi`");
    } else if (size.get().compareTo(Quantities.MAX) > 0) {
      rules.error("storage.size", Rules.tooLarge("storage.size", storage.size()),
          "write a size such as `8Gi`");
    } else if (size.get().stripTrailingZeros().scale() > 0) {
      rules.error("storage.size", "`storage.size` is `" + Problem.shorten(storage.size())
          + "`, which is not a whole number of bytes (`m` means milli)",
          "write `Mi` for mebibytes, such as `8192Mi`");
    }
  }
}
