package io.sqledge.apply;

import io.sqledge.config.InstanceConfig;
import io.sqledge.config.JdbcUrl;
import io.sqledge.render.ManifestModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Secret that hands one declared login to applications: its name ({@code <instance>-<login>})
 * and what it holds besides the password, which apply puts in ({@link LoginSecrets}).
 *
 * @param secretName the Secret's name
 * @param username the login
 * @param database the database it connects to
 * @param passwordSecret the user's Secret its password is copied from; empty: generated once
 * @param instance the configuration: the Service (named as the instance) and its port, the JDBC
 *     URL's options, the labels
 */
public record LoginSecret(String secretName, String username, String database,
    String passwordSecret, InstanceConfig instance) {

  /** The Secrets of every login of {@code config}: {@link InstanceConfig#accountLogins}. */
  public static List<LoginSecret> of(InstanceConfig config) {
    return config.accountLogins().stream()
        .map(login -> new LoginSecret(login.secretName(config.name()), login.name(),
            config.defaultDatabaseOf(login), login.passwordSecret(), config))
        .toList();
  }

  /** The host applications in any namespace reach the Service by. */
  String host(String namespace) {
    return instance.name() + "." + namespace + ".svc";
  }

  /** The Service's port. */
  int port() {
    return Math.toIntExact(instance.service().port());
  }

  /** The JDBC URL of the login's database, without a user or a password. */
  String jdbcUrl(String namespace) {
    return JdbcUrl.of(instance, host(namespace), port(), database);
  }

  /**
   * The labels of the Secret, as the instance's other objects have theirs: its own name (so that
   * nothing that selects the database's objects takes it), then the configured {@code labels}.
   */
  Map<String, String> labels() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/name", "sqledge-login");
    labels.put("app.kubernetes.io/instance", instance.name());
    labels.put("app.kubernetes.io/component", "login");
    labels.put("app.kubernetes.io/managed-by", ManifestModel.MANAGED_BY);
    instance.labels().forEach(labels::putIfAbsent);
    return labels;
  }
}
