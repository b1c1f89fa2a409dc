package io.sqledge.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The durable disk: a StorageClass (unless an existing one is used) and the claim on it.
 *
 * @param createClass whether to generate the StorageClass, or use an existing one by name
 * @param className the StorageClass name
 * @param provisioner the CSI driver that creates the disks
 * @param parameters the provisioner's parameters, passed as they are
 * @param reclaimPolicy what happens to the disk when the claim is deleted
 * @param volumeBindingMode when the disk is created and bound
 * @param allowVolumeExpansion whether the claim can grow later
 * @param claimName the PersistentVolumeClaim name
 * @param size the requested capacity, a Kubernetes quantity such as {@code 8Gi}
 * @param accessMode the claim's access mode
 */
public record StorageConfig(
    boolean createClass,
    String className,
    String provisioner,
    Map<String, String> parameters,
    String reclaimPolicy,
    String volumeBindingMode,
    boolean allowVolumeExpansion,
    String claimName,
    String size,
    String accessMode) {

  public StorageConfig {
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }

  /** This storage with another claim name. */
  public StorageConfig withClaimName(String name) {
    return new StorageConfig(createClass, className, provisioner, parameters, reclaimPolicy,
        volumeBindingMode, allowVolumeExpansion, name, size, accessMode);
  }
}
