package io.sqledge.check;

import io.sqledge.config.DatabaseConfig;
import io.sqledge.config.InstanceConfig;
import io.sqledge.config.LoginConfig;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.Suggestions;
import io.sqledge.sql.Principals;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The rules of {@code databases} and {@code logins}, each located at the item and key it is
 * about: names as SQL Server takes them, each once (SQL Server compares them without case),
 * owners and roles that exist, collations of the server's list, and no {@code sysadmin} unless
 * allowed. See docs/databases-and-logins.md.
 */
final class AccountRules {

  private AccountRules() {}

  static void check(InstanceConfig config, Rules rules) {
    Map<String, DatabaseConfig> databases = new HashMap<>();
    for (int i = 0; i < config.databases().size(); i++) {
      DatabaseConfig database = config.databases().get(i);
      String at = "databases[" + i + "]";
      if (named(rules, at + ".name", database.name(), Principals::databaseProblem, "a database",
          "sales")
          && databases.putIfAbsent(lower(database.name()), database) != null) {
        rules.error(at + ".name", "the database `" + database.name() + "` is declared twice"
            + " (SQL Server compares names without case)", "remove one of the two");
      }
      checkDatabase(config, database, at, rules);
    }
    Map<String, String> secrets = new HashMap<>();
    for (int j = 0; j < config.logins().size(); j++) {
      LoginConfig login = config.logins().get(j);
      String at = "logins[" + j + "]";
      if (!named(rules, at + ".name", login.name(), Principals::loginProblem, "a login",
          "reader")) {
        continue;
      }
      checkSecret(config, rules, secrets, at + ".name", login);
      checkLogin(config, login, at, databases, rules);
    }
    // The owners that are no declared login get a login, and a Secret, of their own.
    List<LoginConfig> all = config.accountLogins();
    for (LoginConfig owner : all.subList(config.logins().size(), all.size())) {
      if (owner.name().equalsIgnoreCase("sa") || Principals.loginProblem(owner.name()).isPresent()) {
        continue; // an error of its own, at the owner
      }
      checkSecret(config, rules, secrets, "databases[" + ownerIndex(config, owner.name())
          + "].owner", owner);
    }
  }

  /**
   * The login's Secret {@code <name>-<login>}: one per login ({@code secrets} holds those of the
   * logins before it), and a Secret's name; when the instance's name is not a name, that has an
   * error of its own.
   */
  private static void checkSecret(InstanceConfig config, Rules rules,
      Map<String, String> secrets, String path, LoginConfig login) {
    String secret = login.secretName(config.name());
    String before = secrets.putIfAbsent(secret, login.name());
    if (before != null) {
      rules.error(path, "the logins `" + before + "` and `" + login.name() + "` would both"
          + " hand their password over in the Secret `" + secret + "`"
          + (before.equalsIgnoreCase(login.name()) ? " (SQL Server compares names without"
              + " case)" : ""), "give one of them another name");
    }
    if (KubernetesNames.dns1035Label(config.name()).isPresent()) {
      return;
    }
    KubernetesNames.dns1123Subdomain(secret).ifPresent(why -> rules.error(path, "the login `"
            + Problem.shorten(login.name()) + "` would hand its password over in the Secret `"
            + Problem.shorten(secret) + "`, which " + why,
        "give the login a name that ends with a letter or digit"));
  }

  private static int ownerIndex(InstanceConfig config, String owner) {
    for (int i = 0; i < config.databases().size(); i++) {
      if (config.databases().get(i).owner().equalsIgnoreCase(owner)) {
        return i;
      }
    }
    throw new IllegalStateException("an implied login owns a database");
  }

  private static void checkDatabase(InstanceConfig config, DatabaseConfig database, String at,
      Rules rules) {
    if (!database.owner().isEmpty() && !database.owner().equalsIgnoreCase("sa")) {
      named(rules, at + ".owner", database.owner(), Principals::loginProblem, "an owner login",
          "app");
    }
    if (!database.collation().isEmpty()) {
      StartupRules.checkCollation(config.engine(), rules, at + ".collation",
          database.collation(), "CREATE DATABASE would fail, and with it the accounts job");
    }
    List<String> roles = new ArrayList<>();
    for (int r = 0; r < database.roles().size(); r++) {
      String role = database.roles().get(r);
      if (named(rules, at + ".roles[" + r + "]", role, Principals::roleProblem, "a role",
          "reporting") && roles.stream().anyMatch(role::equalsIgnoreCase)) {
        rules.error(at + ".roles[" + r + "]", "the role `" + role + "` is listed twice",
            "remove one of the two");
      }
      roles.add(role);
    }
    if (config.backup().schedules().containsKey("log")
        && config.recoveryModelOf(database).equals("SIMPLE")) {
      rules.warning(List.of(at + ".recoveryModel", "backup.log"), "the database `"
              + database.name() + "` uses the SIMPLE recovery model, so the log backups leave"
              + " it out", "use `recoveryModel: FULL` for it, or accept backups without a"
              + " point in time for it");
    }
  }

  private static void checkLogin(InstanceConfig config, LoginConfig login, String at,
      Map<String, DatabaseConfig> databases, Rules rules) {
    if (!login.passwordSecret().isEmpty()) {
      rules.name(at + ".passwordSecret", login.passwordSecret(),
          KubernetesNames::dns1123Subdomain, "it names a Secret");
    }
    login.roles().forEach((name, listed) -> {
      String path = at + ".roles." + name;
      DatabaseConfig database = databases.get(lower(name));
      if (database == null) {
        rules.error(path, "the login `" + login.name() + "` is given the database `"
                + Problem.shorten(name) + "`, which `databases` does not declare",
            closest(name, databases).map(c -> "did you mean `" + c + "`?")
                .orElse("declare it under `databases`, or remove it here"));
        return;
      }
      if (database.owner().equalsIgnoreCase(login.name())) {
        rules.error(path, "the login `" + login.name() + "` owns the database `"
                + database.name() + "`: it is its `dbo`, with every right there",
            "remove `" + name + "` from its roles");
        return;
      }
      List<String> known = new ArrayList<>(Principals.FIXED_DATABASE_ROLES);
      known.addAll(database.roles());
      for (String role : login.rolesIn(name)) {
        if (known.stream().noneMatch(role::equalsIgnoreCase)) {
          rules.error(path, "`" + path + "` names the role `" + Problem.shorten(role) + "`,"
                  + " which the database `" + database.name() + "` does not have",
              Suggestions.closest(role, known).map(c -> "did you mean `" + c + "`?")
                  .orElse("use a fixed role (" + String.join(", ",
                      Principals.FIXED_DATABASE_ROLES) + ") or add it to `databases[].roles`"));
        }
      }
    });
    String home = login.defaultDatabase();
    if (!home.isEmpty() && !home.equalsIgnoreCase("master")) {
      DatabaseConfig database = databases.get(lower(home));
      if (database == null) {
        rules.error(at + ".defaultDatabase", "the default database `" + Problem.shorten(home)
            + "` is not declared under `databases`", closest(home, databases)
            .map(c -> "did you mean `" + c + "`?").orElse("declare it, or use `master`"));
      } else if (login.rolesIn(home).isEmpty() && !login.roles().containsKey(home)
          && !database.owner().equalsIgnoreCase(login.name())) {
        rules.error(at + ".defaultDatabase", "the login `" + login.name() + "` may not use"
            + " its default database `" + home + "`", "give it the database under `roles`,"
            + " for example `" + home + ": db_datareader`");
      }
    }
    for (int r = 0; r < login.serverRoles().size(); r++) {
      String role = login.serverRoles().get(r);
      String path = at + ".serverRoles[" + r + "]";
      if (Principals.FIXED_SERVER_ROLES.stream().noneMatch(role::equalsIgnoreCase)) {
        rules.error(path, "`" + Problem.shorten(role) + "` is not a fixed server role",
            Suggestions.closest(role, Principals.FIXED_SERVER_ROLES)
                .map(c -> "did you mean `" + c + "`?").orElse("use one of " + String.join(", ",
                    Principals.FIXED_SERVER_ROLES)));
      } else if (role.equalsIgnoreCase("sysadmin") && !login.allowSysadmin()) {
        rules.error(path, "the login `" + login.name() + "` would hold `sysadmin`, which can do"
                + " anything on the server", "grant it what it needs in its databases under"
                + " `roles`; or, for a login meant to administer the server, set"
                + " `allowSysadmin: true` beside it");
      }
    }
  }

  /** Whether {@code value} is a name SQL Server takes; an error at {@code path} if not. */
  private static boolean named(Rules rules, String path, String value,
      Function<String, Optional<String>> rule, String what, String example) {
    Optional<String> problem = rule.apply(value);
    problem.ifPresent(why -> rules.error(path, "`" + path + "` `" + Problem.shorten(value)
        + "` " + why + " (it names " + what + ")", "for example `" + example + "`"));
    return problem.isEmpty();
  }


  private static Optional<String> closest(String name, Map<String, DatabaseConfig> databases) {
    return Suggestions.closest(name, databases.values().stream().map(DatabaseConfig::name)
        .toList());
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
