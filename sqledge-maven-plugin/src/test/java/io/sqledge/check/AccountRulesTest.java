package io.sqledge.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqledge.TestConfigs;
import io.sqledge.config.InstanceConfig;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.Problems;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** databases and logins: each refusal at the item and key to fix, and what a good one makes. */
class AccountRulesTest {

  @TempDir Path dir;

  private Problems check(String yaml) {
    return TestConfigs.problems(dir, yaml, Map.of());
  }

  private Problem onlyError(String yaml) {
    List<Problem> errors = check(yaml).errors();
    assertEquals(1, errors.size(), errors::toString);
    return errors.get(0);
  }

  @Test
  void theDefaultIsOneApplicationDatabaseOwnedByALoginOfItsOwn() throws Exception {
    InstanceConfig config = TestConfigs.defaults();
    assertEquals("app", config.databases().get(0).name());
    assertEquals(List.of("app"), config.accountLogins().stream().map(l -> l.name()).toList());
    assertEquals("sqledge-app", config.accountLogins().get(0).secretName("sqledge"));
    assertEquals("app", config.defaultDatabaseOf(config.accountLogins().get(0)));
    assertEquals("app", config.connectionDatabase());
    assertEquals("app", config.applicationLogin());
    InstanceConfig none = TestConfigs.checked(dir, "databases: []\n");
    assertEquals(List.of(), none.accountLogins());
    assertTrue(!none.hasAccounts() && none.connectionDatabase().isEmpty());
  }

  @Test
  void aFullDeclarationHasNothingToSay() {
    Problems problems = check("""
        databases:
          - name: sales
            owner: sales_owner
            collation: Latin1_General_100_CI_AS_SC_UTF8
            recoveryModel: SIMPLE
            roles: [reporting]
          - name: audit
        logins:
          - name: reader
            roles:
              sales: db_datareader, reporting
              audit: ""
            defaultDatabase: sales
            serverRoles: [dbcreator]
          - name: dba
            serverRoles: [sysadmin]
            allowSysadmin: true
        """);
    assertEquals(List.of(), problems.errors());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "master|databases[0].name|is a system database",
      "MSDB|databases[0].name|is a system database",
      "1sales|databases[0].name|must start with a letter or `_`",
      "'sa les'|databases[0].name|must start with a letter or `_`",
      "''|databases[0].name|is empty"})
  void aDatabaseNameIsOneSqlServerTakes(String name, String path, String message) {
    Problem error = onlyError("databases:\n  - name: " + (name.isEmpty() ? "''" : "'" + name + "'")
        + "\n");
    assertEquals(path, error.path());
    assertEquals("sqledge.yaml:2:11", error.origin().toString(), "at the name");
    assertTrue(error.message().contains(message), error::render);
  }

  @Test
  void aDatabaseNameHasAtMost123Characters() {
    Problem error = onlyError("databases:\n  - name: " + "d".repeat(124) + "\n");
    assertTrue(error.message().contains("at most 123"), error::render);
    assertEquals(List.of(), check("databases:\n  - name: " + "d".repeat(123) + "\n").errors());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "sa|is a name SQL Server keeps",
      "dbo|is a name SQL Server keeps",
      "Guest|is a name SQL Server keeps",
      "sysadmin|is a fixed server role",
      "_x|must start with a letter",
      "a b|must start with a letter"})
  void aLoginNameIsOneSqlServerTakes(String name, String message) {
    Problem error = onlyError("logins:\n  - name: '" + name + "'\n");
    assertEquals("logins[0].name", error.path());
    assertEquals("sqledge.yaml:2:11", error.origin().toString());
    assertTrue(error.message().contains(message), error::render);
  }

  @Test
  void namesAreComparedWithoutCaseAsSqlServerDoes() {
    Problem twice = onlyError("databases:\n  - name: sales\n  - name: Sales\n");
    assertEquals("databases[1].name", twice.path());
    assertEquals("sqledge.yaml:3:11", twice.origin().toString());
    Problem logins = onlyError("logins:\n  - name: reader\n  - name: READER\n");
    assertEquals("logins[1].name", logins.path());
    assertTrue(logins.message().contains("sqledge-reader"), logins::render);
    Problem secret = onlyError("logins:\n  - name: a_b\n  - name: a.b\n");
    assertTrue(secret.message().contains("the Secret `sqledge-a-b`"), secret::render);
  }

  @Test
  void aRoleIsAFixedOneOrOneTheDatabaseDeclares() {
    Problem unknown = onlyError("""
        logins:
          - name: reader
            roles:
              app: db_datareder
        """);
    assertEquals("logins[0].roles.app", unknown.path());
    assertEquals("sqledge.yaml:4:12", unknown.origin().toString());
    assertTrue(unknown.message().contains("`db_datareder`"), unknown::render);
    assertEquals("did you mean `db_datareader`?", unknown.fix());
    assertEquals(List.of(), check("""
        databases:
          - name: app
            owner: app
            roles: [reporting]
        logins:
          - name: reader
            roles:
              app: Reporting, DB_DATAREADER
        """).errors());
    Problem fixed = onlyError("databases:\n  - name: app\n    roles: [db_owner]\n");
    assertEquals("databases[0].roles[0]", fixed.path());
    assertTrue(fixed.message().contains("fixed database role"), fixed::render);
  }

  @Test
  void aLoginUsesDeclaredDatabasesOnlyAndNotTheOneItOwns() {
    Problem undeclared = onlyError("logins:\n  - name: reader\n    roles: {sales: db_datareader}\n");
    assertEquals("logins[0].roles.sales", undeclared.path());
    assertTrue(undeclared.message().contains("which `databases` does not declare"),
        undeclared::render);
    Problem owner = onlyError("logins:\n  - name: app\n    roles: {app: db_owner}\n");
    assertTrue(owner.message().contains("owns the database `app`"), owner::render);
    Problem home = onlyError("logins:\n  - name: reader\n    defaultDatabase: app\n");
    assertEquals("logins[0].defaultDatabase", home.path());
    assertTrue(home.message().contains("may not use its default database"), home::render);
  }

  @Test
  void sysadminIsRefusedUnlessAllowed() {
    Problem error = onlyError("logins:\n  - name: ops\n    serverRoles: [dbcreator, sysadmin]\n");
    assertEquals("logins[0].serverRoles[1]", error.path());
    assertEquals("sqledge.yaml:3:30", error.origin().toString());
    assertTrue(error.message().contains("would hold `sysadmin`"), error::render);
    assertTrue(error.fix().contains("allowSysadmin: true"), error::render);
    Problem unknown = onlyError("logins:\n  - name: ops\n    serverRoles: [dbcreater]\n");
    assertEquals("did you mean `dbcreator`?", unknown.fix());
  }

  @Test
  void aCollationIsOneOfTheServersList() {
    Problem error = onlyError("databases:\n  - name: sales\n    collation: Latin1_General_CI_AZ\n");
    assertEquals("databases[0].collation", error.path());
    assertEquals("sqledge.yaml:3:16", error.origin().toString());
    assertTrue(error.message().contains("which SQL Server does not have"), error::render);
    assertTrue(error.fix().contains("Latin1_General_CI_AS"), error::render);
    Problem unicode = onlyError("databases:\n  - name: sales\n    collation: Indic_General_90_CI_AS\n");
    assertTrue(unicode.message().contains("Unicode-only"), unicode::render);
  }

  @Test
  void itemsAreCheckedKeyByKeyAtTheirLines() {
    Problems problems = check("""
        databases:
          - name: sales
            recoveryModel: BULK
            colation: x
          - just a name
        logins: {name: app}
        """);
    List<String> errors = problems.errors().stream()
        .map(p -> p.path() + " " + p.origin()).toList();
    assertTrue(errors.contains("databases[0].recoveryModel sqledge.yaml:3:20"), errors::toString);
    assertTrue(errors.contains("databases[0].colation sqledge.yaml:4:5"), errors::toString);
    assertTrue(errors.contains("databases[1] sqledge.yaml:5:5"), errors::toString);
    assertTrue(errors.contains("logins sqledge.yaml:6:9"), errors::toString);
    assertTrue(problems.errors().stream().anyMatch(p -> p.message()
        .contains("did you mean `collation`?")), problems.errors()::toString);
  }

  @Test
  void aPasswordIsNeverWrittenInTheFile() {
    Problem error = onlyError("logins:\n  - name: app\n    password: Secret-1234\n");
    assertTrue(error.message().contains("must not be written in the configuration"),
        error::render);
    assertTrue(!error.render().contains("Secret-1234"), error::render);
  }

  @Test
  void logBackupsWarnAboutASimpleDatabase() {
    Problems problems = check("""
        engine:
          image: mcr.microsoft.com/mssql/server:2022-CU16-ubuntu-22.04
        backup:
          full: "@weekly"
          log: "*/5 * * * *"
        databases:
          - name: app
            owner: app
            recoveryModel: SIMPLE
        """);
    assertEquals(List.of(), problems.errors());
    assertTrue(problems.warnings().stream().anyMatch(w -> w.path()
        .equals("databases[0].recoveryModel")), problems.warnings()::toString);
  }
}
