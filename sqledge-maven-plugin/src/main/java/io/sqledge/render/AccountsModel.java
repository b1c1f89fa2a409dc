package io.sqledge.render;

import io.sqledge.config.ConfigValues;
import io.sqledge.config.InstanceConfig;
import io.sqledge.config.LoginConfig;
import io.sqledge.config.ServiceDns;
import io.sqledge.sql.AccountScript;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the accounts templates ({@code accounts-*.yaml.ftl}) see as {@code accounts}: the Job
 * that makes the declared databases and logins, its labels (which never select the database's
 * pods), the files of its ConfigMap (the job's script, {@code templates/accounts.sh}, and the
 * T-SQL of {@link AccountScript}) and the Secret each login's password comes from.
 *
 * <p>A Job's pod template cannot change, and a Job that finished does not run again: so the
 * Job's name ends with a digest of everything its pod runs with. A changed declaration makes a
 * new Job, which runs; a re-apply without a change finds the Job it made and runs nothing.
 */
public final class AccountsModel {

  /** The job's {@code app.kubernetes.io/name}. */
  public static final String ACCOUNTS = "sqledge-accounts";

  static final String SCRIPT_RESOURCE = BundledTemplates.CLASS_PATH_ROOT + "/accounts.sh";

  private static final String SCRIPT = BundledResource.text(SCRIPT_RESOURCE);

  /** The environment variable, and the token in the T-SQL, of the {@code i}th password. */
  static final String PASSWORD_VARIABLE = "SQLEDGE_PASSWORD_";

  /** A Job's name is at most 63 characters: its pods carry it as a label. */
  private static final int JOB_NAME_MAX = 63;
  private static final int DIGEST_LENGTH = 10;

  private AccountsModel() {}

  static Map<String, Object> of(InstanceConfig config) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("enabled", config.hasAccounts());
    if (!config.hasAccounts()) {
      return model;
    }
    Map<String, String> selectorLabels = new LinkedHashMap<>();
    selectorLabels.put("app.kubernetes.io/name", ACCOUNTS);
    selectorLabels.put("app.kubernetes.io/instance", config.name());
    Map<String, String> labels = new LinkedHashMap<>(selectorLabels);
    labels.put("app.kubernetes.io/component", "accounts");
    labels.put("app.kubernetes.io/managed-by", ManifestModel.MANAGED_BY);
    config.labels().forEach(labels::putIfAbsent);
    List<LoginConfig> logins = config.accountLogins();
    List<Map<String, String>> env = new ArrayList<>();
    List<AccountScript.Login> scriptLogins = new ArrayList<>();
    for (int i = 0; i < logins.size(); i++) {
      LoginConfig login = logins.get(i);
      // In order: the job's name is a digest of this list's text, which must not vary by JVM.
      Map<String, String> variable = new LinkedHashMap<>();
      variable.put("name", PASSWORD_VARIABLE + i);
      variable.put("secret", login.secretName(config.name()));
      variable.put("key", "password");
      env.add(variable);
      Map<String, List<String>> roles = new LinkedHashMap<>();
      login.roles().keySet().forEach(database -> roles.put(database, login.rolesIn(database)));
      scriptLogins.add(new AccountScript.Login(login.name(), AccountScript.passwordToken(i),
          config.defaultDatabaseOf(login), roles, login.serverRoles()));
    }
    List<AccountScript.Database> databases = config.databases().stream()
        .map(d -> new AccountScript.Database(d.name(), d.owner(), d.collation(),
            config.recoveryModelOf(d), d.roles()))
        .toList();
    Map<String, String> files = new LinkedHashMap<>();
    files.put("accounts.sh", SCRIPT);
    files.put("sqlcmd.sh", BackupModel.SQLCMD_LIBRARY);
    files.put("accounts.sql", AccountScript.of(databases, scriptLogins));
    String name = config.name() + "-accounts";
    String digest = BundledResource.sha256(String.join("\n", files.toString(), env.toString(),
        config.engine().jobImage(), ServiceDns.host(config.name(), config.namespace()),
        String.valueOf(config.service().port()), config.engine().saPassword().toString(),
        ConfigValues.of(config.pod()).toString(), labels.toString()))
        .substring(0, DIGEST_LENGTH);
    String prefix = name.length() > JOB_NAME_MAX - DIGEST_LENGTH - 1
        ? name.substring(0, JOB_NAME_MAX - DIGEST_LENGTH - 1) : name;
    model.put("name", name);
    model.put("jobName", prefix + "-" + digest);
    model.put("labels", labels);
    model.put("selectorLabels", selectorLabels);
    model.put("files", files);
    model.put("env", env);
    return model;
  }
}
