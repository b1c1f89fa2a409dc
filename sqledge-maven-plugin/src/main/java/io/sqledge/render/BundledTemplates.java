package io.sqledge.render;

import java.util.List;

/** The templates shipped in the plugin jar (from the repository's {@code templates/}). */
public final class BundledTemplates {

  /** Where the templates are on the class path. */
  public static final String CLASS_PATH_ROOT = "/io/sqledge/templates";

  /**
   * The resource templates, in apply order: storage (the backups' too), its users, the Services,
   * then the rest; the accounts and backup jobs after the Service they connect through; the failover guard
   * last, its account and roles before its pod.
   */
  public static final List<String> IN_APPLY_ORDER =
      List.of(
          "storageclass.yaml.ftl",
          "persistentvolumeclaim.yaml.ftl",
          "backup-persistentvolumeclaim.yaml.ftl",
          "networkpolicy.yaml.ftl",
          "certificate.yaml.ftl",
          "mssql-conf-configmap.yaml.ftl",
          "metrics-configmap.yaml.ftl",
          "deployment.yaml.ftl",
          "statefulset.yaml.ftl",
          "headless-service.yaml.ftl",
          "service.yaml.ftl",
          "metrics-service.yaml.ftl",
          "servicemonitor.yaml.ftl",
          "connection-configmap.yaml.ftl",
          "accounts-configmap.yaml.ftl",
          "accounts-job.yaml.ftl",
          "backup-configmap.yaml.ftl",
          "backup-cronjob-full.yaml.ftl",
          "backup-cronjob-differential.yaml.ftl",
          "backup-cronjob-log.yaml.ftl",
          "failover-guard-serviceaccount.yaml.ftl",
          "failover-guard-role.yaml.ftl",
          "failover-guard-clusterrole.yaml.ftl",
          "failover-guard-rolebinding.yaml.ftl",
          "failover-guard-clusterrolebinding.yaml.ftl",
          "failover-guard-configmap.yaml.ftl",
          "failover-guard-deployment.yaml.ftl");

  /**
   * The templates of the fleet's files rather than an instance's resources (see {@link
   * GitOpsModel}): a project's template of the same name overrides them, and is never taken for
   * one more resource.
   */
  public static final List<String> FLEET =
      List.of(GitOpsModel.APPLICATION_SET, GitOpsModel.FLUX_KUSTOMIZATION);

  /** Functions every template can call as {@code yaml.*}. */
  static final String HELPERS = "_yaml.ftl";

  private BundledTemplates() {}
}
