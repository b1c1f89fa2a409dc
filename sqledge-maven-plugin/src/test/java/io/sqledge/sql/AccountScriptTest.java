package io.sqledge.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqledge.sql.AccountScript.Database;
import io.sqledge.sql.AccountScript.Login;
import io.sqledge.sql.TsqlTokens.Token;
import io.sqledge.sql.TsqlTokens.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The T-SQL of the declared databases and logins, held by the T-SQL lexer to Microsoft's
 * reference pages: CREATE LOGIN, ALTER LOGIN, PWDCOMPARE, CREATE DATABASE, ALTER DATABASE SET
 * RECOVERY, ALTER AUTHORIZATION, CREATE USER, CREATE ROLE, ALTER ROLE, ALTER SERVER ROLE,
 * IS_ROLEMEMBER, IS_SRVROLEMEMBER and THROW. Checked against the documentation only: no SQL
 * Server runs here (docs/databases-and-logins.md says so).
 */
class AccountScriptTest {

  private static final List<Database> DATABASES = List.of(
      new Database("sales", "app", "Latin1_General_100_CI_AS_SC_UTF8", "FULL",
          List.of("reporting")),
      new Database("audit", "", "", "SIMPLE", List.of()));

  private static final List<Login> LOGINS = List.of(
      new Login("app", AccountScript.passwordToken(0), "sales", Map.of(), List.of()),
      new Login("reader", AccountScript.passwordToken(1), "sales",
          ordered("sales", List.of("db_datareader", "reporting"), "audit", List.of()),
          List.of("dbcreator")));

  private static final String SCRIPT = AccountScript.of(DATABASES, LOGINS);

  @Test
  void everyStatementFollowsTheDocumentedSyntax() {
    Set<String> shapes = new TreeSet<>();
    for (List<Token> statement : statements(TsqlTokens.of(SCRIPT))) {
      shapes.add(String.join(" ", TsqlTokens.shape(statement)));
    }
    // CREATE LOGIN login_name WITH PASSWORD = 'password' [, CHECK_POLICY = ON, CHECK_EXPIRATION = OFF]
    assertTrue(shapes.contains("CREATE LOGIN […] WITH PASSWORD = '…' , CHECK_POLICY = ON ,"
        + " CHECK_EXPIRATION = OFF"), shapes::toString);
    // ALTER LOGIN login_name WITH PASSWORD = 'password' | DEFAULT_DATABASE = database
    assertTrue(shapes.contains("ALTER LOGIN […] WITH PASSWORD = '…'"), shapes::toString);
    assertTrue(shapes.contains("ALTER LOGIN […] WITH DEFAULT_DATABASE = […]"), shapes::toString);
    // CREATE DATABASE database_name [COLLATE collation_name]
    assertTrue(shapes.contains("CREATE DATABASE […] COLLATE LATIN1_GENERAL_100_CI_AS_SC_UTF8"),
        shapes::toString);
    assertTrue(shapes.contains("CREATE DATABASE […]"), shapes::toString);
    // ALTER DATABASE database_name SET RECOVERY { FULL | BULK_LOGGED | SIMPLE }
    assertTrue(shapes.contains("ALTER DATABASE […] SET RECOVERY FULL"), shapes::toString);
    assertTrue(shapes.contains("ALTER DATABASE […] SET RECOVERY SIMPLE"), shapes::toString);
    // ALTER AUTHORIZATION ON DATABASE::database_name TO principal_name
    assertTrue(shapes.contains("ALTER AUTHORIZATION ON DATABASE : : […] TO […]"),
        shapes::toString);
    // CREATE USER user_name FOR LOGIN login_name; CREATE ROLE role_name
    assertTrue(shapes.contains("CREATE USER […] FOR LOGIN […]"), shapes::toString);
    assertTrue(shapes.contains("CREATE ROLE […]"), shapes::toString);
    // ALTER ROLE role_name { ADD | DROP } MEMBER database_principal; ALTER SERVER ROLE likewise
    for (String verb : List.of("ADD", "DROP")) {
      assertTrue(shapes.contains("ALTER ROLE […] " + verb + " MEMBER […]"), shapes::toString);
      assertTrue(shapes.contains("ALTER SERVER ROLE […] " + verb + " MEMBER […]"),
          shapes::toString);
    }
    // THROW error_number, message, state: a message is a constant or a variable
    assertTrue(shapes.contains("THROW 50000 , @renamed , 1"), shapes::toString);
  }

  @Test
  void everyChangeIsGuardedByWhatItWouldChangeSoASecondRunChangesNothing() {
    List<Token> tokens = TsqlTokens.of(SCRIPT);
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      boolean changes = (token.is("CREATE") || token.is("ALTER"))
          && !tokens.get(i - 1).is("DECLARE");
      if (!changes) {
        continue;
      }
      // Back to the statement's IF: only a BEGIN, or the condition itself, lies between.
      int j = i - 1;
      while (!tokens.get(j).is("IF") && !tokens.get(j).is(";") && !tokens.get(j).is("END")) {
        j--;
      }
      assertTrue(tokens.get(j).is("IF"), "unguarded: " + String.join(" ",
          tokens.subList(i, Math.min(tokens.size(), i + 6)).stream().map(Token::source).toList()));
      // …and it reports itself.
      int print = i;
      while (!tokens.get(print).is("PRINT")) {
        print++;
      }
      assertTrue(tokens.get(print + 1).value().startsWith(AccountScript.REPORTED),
          tokens.get(print + 1).source());
    }
  }

  @Test
  void theGuardsAskWhatEachStatementChanges() {
    String shape = String.join(" ", TsqlTokens.shape(TsqlTokens.of(SCRIPT)));
    assertTrue(shape.contains("IF SUSER_ID ( '…' ) IS NULL BEGIN CREATE LOGIN"), shape);
    // PWDCOMPARE ( 'clear_text_password' , password_hash ): the password is set only if it drifted
    assertTrue(shape.contains("ELSE IF NOT EXISTS ( SELECT 1 FROM SYS . SQL_LOGINS WHERE NAME ="
        + " '…' AND PWDCOMPARE ( '…' , PASSWORD_HASH ) = 1 ) BEGIN ALTER LOGIN"), shape);
    assertTrue(shape.contains("IF DB_ID ( '…' ) IS NULL BEGIN CREATE DATABASE"), shape);
    assertTrue(shape.contains("IF DATABASE_PRINCIPAL_ID ( '…' ) IS NULL BEGIN CREATE ROLE"),
        shape);
    assertTrue(shape.contains("IF IS_ROLEMEMBER ( '…' , '…' ) = 0 BEGIN ALTER ROLE"), shape);
    assertTrue(shape.contains("IF IS_SRVROLEMEMBER ( '…' , '…' ) = 1 BEGIN ALTER SERVER ROLE"),
        shape);
  }

  @Test
  void passwordsAreTokensTheJobFillsAndNothingIsEverDropped() {
    List<Token> tokens = TsqlTokens.of(SCRIPT);
    List<String> passwords = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.get(i).is("PASSWORD") && tokens.get(i + 1).is("=")) {
        passwords.add(tokens.get(i + 2).source());
      }
      if (tokens.get(i).is("PWDCOMPARE")) {
        passwords.add(tokens.get(i + 2).source());
      }
      if (tokens.get(i).is("DROP")) {
        assertTrue(tokens.get(i + 1).is("MEMBER"), "only a membership is ever dropped");
      }
    }
    assertEquals(List.of("N'{{SQLEDGE_PASSWORD_0}}'", "N'{{SQLEDGE_PASSWORD_0}}'",
        "N'{{SQLEDGE_PASSWORD_0}}'", "N'{{SQLEDGE_PASSWORD_1}}'", "N'{{SQLEDGE_PASSWORD_1}}'",
        "N'{{SQLEDGE_PASSWORD_1}}'"), passwords);
    assertFalse(SCRIPT.contains("$("), "sqlcmd runs it with -x, but it holds no variable anyway");
  }

  @Test
  void theOwnerIsDboAndGetsNoUserAndALoginWithoutAccessLosesItsRolesOnly() {
    List<String> created = new ArrayList<>();
    List<Token> tokens = TsqlTokens.of(SCRIPT);
    String database = "";
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.get(i).is("USE")) {
        database = tokens.get(i + 1).value();
      }
      if (tokens.get(i).is("CREATE") && tokens.get(i + 1).is("USER")) {
        created.add(tokens.get(i + 2).value() + "@" + database);
      }
    }
    assertEquals(List.of("reader@sales", "reader@audit"), created,
        "app owns sales and has no access to audit");
    String shape = String.join(" ", TsqlTokens.shape(TsqlTokens.of(SCRIPT)));
    assertTrue(shape.contains("ALTER AUTHORIZATION ON DATABASE : : […] TO […]"), shape);
    assertEquals(1, TsqlTokens.of(SCRIPT).stream().filter(t -> t.is("AUTHORIZATION")).count(),
        "audit declares no owner: its owner is left alone");
  }

  @Test
  void hostileNamesReachSqlServerWhole() {
    String name = "x]'; DROP LOGIN sa; -- Ünï";
    String script = AccountScript.of(List.of(new Database(name, name, "", "", List.of(name))),
        List.of(new Login(name, AccountScript.passwordToken(0), name, Map.of(name,
            List.of(name)), List.of())));
    List<Token> tokens = TsqlTokens.of(script);
    for (Token token : tokens) {
      if (token.type() == Type.NAME) {
        assertTrue(Set.of(name, "master").contains(token.value())
            || Principals.FIXED_DATABASE_ROLES.contains(token.value())
            || Principals.FIXED_SERVER_ROLES.contains(token.value()), token.source());
      }
    }
    for (int i = 0; i < tokens.size() - 1; i++) {
      assertFalse(tokens.get(i).is("DROP") && tokens.get(i + 1).is("LOGIN"),
          "the name stayed inside its brackets and quotes");
    }
    assertThrows(IllegalArgumentException.class, () -> AccountScript.of(List.of(), List.of(
        new Login("a$(b)", AccountScript.passwordToken(0), "", Map.of(), List.of()))),
        "a name sqlcmd would read as a variable never reaches a script (the checks refuse it)");
    assertThrows(IllegalArgumentException.class, () -> AccountScript.of(List.of(new Database(
        "sales", "", "Latin1'; --", "", List.of())), List.of()), "a collation is a bare word");
  }

  @Test
  void undeclaredDatabasesAndLoginsAreReportedNeverDropped() {
    List<Token> tokens = TsqlTokens.of(SCRIPT);
    String shape = String.join(" ", TsqlTokens.shape(tokens));
    assertTrue(shape.contains("FROM SYS . DATABASES WHERE DATABASE_ID > 4 AND NAME NOT IN ( '…' ,"
        + " '…' )"), shape);
    assertTrue(shape.contains("FROM SYS . SQL_LOGINS WHERE PRINCIPAL_ID <> 1 AND NAME NOT LIKE"
        + " '…' AND NAME NOT IN ( '…' , '…' )"), shape);
    assertTrue(tokens.stream().anyMatch(t -> t.value().equals(AccountScript.REPORTED
        + AccountScript.UNDECLARED)));
  }

  @Test
  void blocksAreBalancedAndSqlcmdReadsNoCommandButGo() {
    List<Token> tokens = TsqlTokens.of(SCRIPT);
    assertEquals(tokens.stream().filter(t -> t.is("BEGIN")).count(),
        tokens.stream().filter(t -> t.is("END")).count());
    assertEquals(tokens.stream().filter(t -> t.is("(")).count(),
        tokens.stream().filter(t -> t.is(")")).count());
    for (String line : SCRIPT.split("\n")) {
      assertFalse(line.strip().startsWith(":") || line.contains("\r"), line);
      if (line.strip().equalsIgnoreCase("GO")) {
        assertEquals("GO", line, "a batch ends at a line of its own");
      }
    }
  }

  /** The statements of a script: split at ; and at the keywords that start a block. */
  private static List<List<Token>> statements(List<Token> tokens) {
    List<List<Token>> statements = new ArrayList<>();
    List<Token> current = new ArrayList<>();
    for (Token token : tokens) {
      if (token.is(";") || token.is("BEGIN") || token.is("END") || token.is("GO")) {
        if (!current.isEmpty()) {
          statements.add(current);
        }
        current = new ArrayList<>();
        continue;
      }
      if (!current.isEmpty() && current.get(current.size() - 1).type() == Type.SYMBOL
          && current.get(current.size() - 1).is(")") && (token.is("CREATE") || token.is("ALTER")
          || token.is("THROW") || token.is("PRINT"))) {
        statements.add(current); // the end of an IF's condition
        current = new ArrayList<>();
      }
      current.add(token);
    }
    return statements;
  }

  private static Map<String, List<String>> ordered(String a, List<String> aRoles, String b,
      List<String> bRoles) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    map.put(a, aRoles);
    map.put(b, bRoles);
    return map;
  }
}
