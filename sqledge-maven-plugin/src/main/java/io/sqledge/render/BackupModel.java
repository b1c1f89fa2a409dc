package io.sqledge.render;

import io.sqledge.config.BackupConfig;
import io.sqledge.config.InstanceConfig;
import io.sqledge.sql.BackupFiles;
import io.sqledge.sql.BackupKind;
import io.sqledge.sql.BackupScript;
import io.sqledge.sql.BackupStore;
import io.sqledge.sql.CredentialScript;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the backup templates ({@code backup-*.yaml.ftl}) see as {@code backups}: the claim, the
 * image, the jobs' labels (which never select the database's pods), one job per scheduled kind,
 * and the files of their ConfigMap: the job's script ({@code templates/backup.sh}) and the T-SQL
 * of each kind ({@link BackupScript}).
 */
public final class BackupModel {

  /** The jobs' {@code app.kubernetes.io/name}. */
  public static final String BACKUP = "sqledge-backup";

  /** The label that tells a backup job's kind ({@code full}, …), on its Job and its pod. */
  public static final String KIND_LABEL = "sqledge.io/backup-kind";

  /** The job's script, as the cluster runs it from the backups' ConfigMap. */
  static final String SCRIPT_RESOURCE = BundledTemplates.CLASS_PATH_ROOT + "/backup.sh";

  private static final String SCRIPT = BundledResource.text(SCRIPT_RESOURCE);

  /** What the sqlcmd jobs' scripts share ({@code templates/sqlcmd.sh}), beside each of them. */
  static final String SQLCMD_LIBRARY = BundledResource.text(BundledTemplates.CLASS_PATH_ROOT
      + "/sqlcmd.sh");

  private BackupModel() {}

  static Map<String, Object> of(InstanceConfig config) {
    BackupConfig backup = config.backup();
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("enabled", backup.enabled());
    if (!backup.enabled()) {
      return model;
    }
    String name = config.name() + "-backup";
    Map<String, String> selectorLabels = new LinkedHashMap<>();
    selectorLabels.put("app.kubernetes.io/name", BACKUP);
    selectorLabels.put("app.kubernetes.io/instance", config.name());
    Map<String, String> labels = new LinkedHashMap<>(selectorLabels);
    labels.put("app.kubernetes.io/component", "backup");
    labels.put("app.kubernetes.io/managed-by", ManifestModel.MANAGED_BY);
    config.labels().forEach(labels::putIfAbsent);
    model.put("name", name);
    model.put("labels", labels);
    model.put("selectorLabels", selectorLabels);
    model.put("kindLabel", KIND_LABEL);
    model.put("claimName", backup.claimName(config.name()));
    model.put("className", backup.claim().className().isEmpty()
        ? config.storage().className() : backup.claim().className());
    model.put("directory", BackupFiles.DIRECTORY);
    Optional<String> url = Optional.of(backup.url()).filter(u -> !u.isEmpty());
    // The rules refused a URL of no store before anything renders.
    Optional<BackupStore> store = url.map(u -> BackupStore.of(u).orElseThrow());
    model.put("claim", store.isEmpty());
    model.put("target", store.map(BackupStore::word).orElse("claim"));
    Map<String, String> files = new LinkedHashMap<>();
    files.put("backup.sh", SCRIPT);
    files.put("sqlcmd.sh", SQLCMD_LIBRARY);
    url.ifPresent(u -> files.put("credential.sql", CredentialScript.of(store.orElseThrow(), u)));
    Map<String, Map<String, String>> jobs = new LinkedHashMap<>();
    backup.schedules().forEach((word, schedule) -> {
      BackupKind kind = BackupKind.of(word).orElseThrow();
      files.put("backup-" + word + ".sql", BackupScript.of(kind, backup.databases(),
          config.engine().recoveryModel(), url));
      jobs.put(word, Map.of("name", name + "-" + word, "schedule", schedule));
    });
    model.put("files", files);
    model.put("jobs", jobs);
    return model;
  }
}
