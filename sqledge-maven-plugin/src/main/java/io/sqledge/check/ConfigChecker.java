package io.sqledge.check;

import io.sqledge.config.InstanceConfig;
import io.sqledge.diagnostic.Problems;

/**
 * Checks a loaded configuration against the rules that Kubernetes and SQL Server will apply later,
 * so that a mistake fails the build with the line to fix instead of a pod that never starts.
 *
 * <p>First the checks each key declares for itself ({@link DeclaredRules}), then the rules that
 * need more than one key or more than a range, one class per part of the configuration. Every rule
 * adds to the same {@link Problems}: one run reports every error.
 */
public final class ConfigChecker {

  private ConfigChecker() {}

  public static void check(InstanceConfig config, Problems problems) {
    DeclaredRules.check(config, problems);
    Rules rules = new Rules(config.sources(), problems);
    rules.name("name", config.name(), KubernetesNames::dns1035Label,
        "it names the Deployment and the Service, so it must be a DNS-1035 label");
    if (!config.namespace().isEmpty()) {
      rules.name("namespace", config.namespace(), KubernetesNames::dns1123Label,
          "a namespace name must be a DNS-1123 label");
    }
    ClusterOwnedRules.check(config, rules);
    EngineRules.check(config.engine(), rules);
    StartupRules.check(config.engine(), rules);
    StorageRules.check(config.storage(), rules);
    ServiceRules.check(config.service(), rules);
    ConnectionRules.check(config.connection(), rules);
    PodRules.checkResources(config, rules);
    PodRules.checkHighAvailability(config, rules);
    FailoverRules.check(config, rules);
    BackupRules.check(config, rules);
    EngineRules.checkClientImage(config, rules);
    AccountRules.check(config, rules);
    TlsRules.check(config, rules);
    MetricsRules.check(config, rules);
    ProductionRules.check(config, rules);
    MetadataRules.check(config, rules);
    SiteRules.check(config.cluster(), rules);
    GitOpsRules.check(config.gitops(), rules);
    PodRules.checkScheduling(config, rules);
  }
}
