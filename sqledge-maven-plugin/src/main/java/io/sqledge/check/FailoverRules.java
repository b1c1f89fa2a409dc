package io.sqledge.check;

import io.sqledge.config.HaConfig;
import io.sqledge.config.InstanceConfig;
import java.util.List;

/**
 * The rules of unattended failover ({@code ha.automaticFailover}): what the failover guard needs
 * to be made, and the warning that a fencing by time alone deserves.
 */
final class FailoverRules {

  private FailoverRules() {}

  static void check(InstanceConfig config, Rules rules) {
    HaConfig ha = config.ha();
    if (ha.automaticFailover().equals("medik8s")) {
      rules.error("ha.automaticFailover", "`ha.automaticFailover: medik8s` is not available yet:"
              + " the Medik8s CRDs (NodeHealthCheck, SelfNodeRemediationTemplate) cannot be"
              + " brought into the build reproducibly, so nothing would check that a cluster"
              + " accepts the objects",
          "where Medik8s runs, use `none` (Medik8s puts the out-of-service taint itself); on a"
              + " cloud, use `guard`");
      return;
    }
    if (!ha.guarded()) {
      return;
    }
    // The guard reads nodes and VolumeAttachments, which are cluster-scoped: its ClusterRole is
    // bound to its ServiceAccount by a ClusterRoleBinding, whose subject must name a namespace.
    if (config.namespace().isEmpty()) {
      rules.error(List.of("ha.automaticFailover", "namespace"),
          "`ha.automaticFailover: guard` needs a `namespace`: the guard's ClusterRoleBinding"
              + " names its ServiceAccount by namespace, and the current namespace is not known"
              + " when the manifests are made",
          "set `namespace` to the namespace the instance runs in");
    }
    String image = ha.guardImage();
    if (image.isBlank() || image.chars().anyMatch(Character::isWhitespace)) {
      rules.error("ha.guardImage", "`ha.guardImage` must name an image",
          "leave it out for the default, or write `registry/repository:tag`");
    } else {
      ImageReference.check(rules, "ha.guardImage", image, "the guard");
    }
    if (ha.fencing().equals("notReadyFor")) {
      rules.warning("ha.fencing", "with `ha.fencing: notReadyFor` the guard takes a node that"
              + " has been NotReady for " + ha.minimumDownSeconds() + "s for switched off. A"
              + " node that is only cut off from the network (a partition) looks the same: if"
              + " it still runs SQL Server and the storage does not cut it off from the disk,"
              + " two servers write one disk and corrupt the database",
          "use it only where the storage fences a node it detaches (or the node reboots itself"
              + " when it loses the cluster); on a cloud, use `ha.fencing: cloudShutdown`");
    }
  }
}
