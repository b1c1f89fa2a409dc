package io.sqledge.config;

import java.util.Map;

/** The durable disk: a StorageClass (unless an existing one is used) and the claim on it. */
public record StorageConfig(
    @Key(value = "true", doc = "Generate the StorageClass. `false`: the claim uses the existing"
        + " class `storage.className`.")
    boolean createClass,
    @Key(value = "sqledge-disk", doc = "The StorageClass name (a DNS-1123 subdomain). Empty (with"
        + " `createClass: false`): the claim names no class and gets the cluster's default one.")
    String className,
    @Key(value = "disk.csi.azure.com", doc = "The CSI driver: `disk.csi.azure.com` (AKS),"
        + " `ebs.csi.aws.com` (EKS), `pd.csi.storage.gke.io` (GKE), `rancher.io/local-path`"
        + " (k3s, node-local)… The removed in-tree provisioners (`kubernetes.io/azure-disk`,"
        + " `kubernetes.io/aws-ebs`, `kubernetes.io/gce-pd`, …) are errors that name their CSI"
        + " replacement.")
    String provisioner,
    @Key(value = "{skuName: StandardSSD_LRS}", doc = "The provisioner's parameters, passed as"
        + " they are.")
    Map<String, String> parameters,
    @Key(value = "Retain", oneOf = {"Retain", "Delete"}, doc = "`Retain` keeps the disk when the"
        + " claim is deleted; `Delete` removes it.")
    String reclaimPolicy,
    @Key(value = "WaitForFirstConsumer", oneOf = {"WaitForFirstConsumer", "Immediate"},
        doc = "`WaitForFirstConsumer` creates the disk in the zone of the pod's node;"
            + " `Immediate` creates it at once.")
    String volumeBindingMode,
    @Key(value = "true", doc = "Whether the claim can grow later.")
    boolean allowVolumeExpansion,
    @Key(value = "mssql-data", doc = "The PersistentVolumeClaim name. In a fleet each instance"
        + " defaults to `<name>-data`.")
    String claimName,
    @Key(value = "8Gi", doc = "The capacity, a Kubernetes quantity (`8Gi`, `500G`). `8Gb` is an"
        + " error that suggests `8Gi`; zero, negative and fractional sizes are errors.")
    String size,
    @Key(value = "ReadWriteOnce",
        oneOf = {"ReadWriteOnce", "ReadWriteOncePod", "ReadWriteMany", "ReadOnlyMany"},
        doc = "The claim's access mode.")
    String accessMode) {}
