package io.sqledge.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqledge.sql.TsqlTokens.Token;
import io.sqledge.sql.TsqlTokens.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The backup scripts, read by a T-SQL lexer and held to the syntax that "BACKUP (Transact-SQL)"
 * and "RESTORE Statements - VERIFYONLY (Transact-SQL)" document. No SQL Server runs here, so
 * what a statement does is checked against the documentation only (docs/backups.md).
 */
class BackupScriptTest {

  /** BACKUP's WITH options the scripts may use, from the documented list. */
  private static final Set<String> DOCUMENTED_OPTIONS =
      Set.of("CHECKSUM", "COMPRESSION", "DIFFERENTIAL", "FORMAT", "INIT");

  @ParameterizedTest
  @EnumSource(BackupKind.class)
  void everyDeclaredNameReachesSqlServerWhole(BackupKind kind) {
    String script = BackupScript.of(kind, TsqlTest.HOSTILE_NAMES, "FULL");
    List<Token> tokens = TsqlTokens.of(script);
    assertEquals(TsqlTest.HOSTILE_NAMES, insertedNames(tokens));
    assertSqlcmdReadsNoCommand(script);
  }

  @ParameterizedTest
  @EnumSource(BackupKind.class)
  void everyUserDatabaseIsFoundBySqlServerItself(BackupKind kind) {
    List<String> shape = TsqlTokens.shape(TsqlTokens.of(BackupScript.of(kind, List.of(), "FULL")));
    assertTrue(String.join(" ", shape).contains("INSERT INTO @databases ( NAME ) SELECT NAME FROM"
        + " SYS . DATABASES WHERE DATABASE_ID > 4"), "system databases (ids 1 to 4) are left out");
  }

  @ParameterizedTest
  @EnumSource(BackupKind.class)
  void theBackupStatementsFollowTheDocumentedSyntax(BackupKind kind) {
    List<Token> tokens = TsqlTokens.of(BackupScript.of(kind, List.of("a"), "FULL"));
    List<List<String>> statements = new ArrayList<>();
    for (Token token : tokens) {
      if (token.type() == Type.TEXT && token.value().startsWith("BACKUP ")) {
        statements.add(TsqlTokens.shape(TsqlTokens.of(token.value())));
      }
    }
    assertEquals(3, statements.size(), "one statement per kind a database can get");
    for (List<String> statement : statements) {
      // BACKUP { DATABASE | LOG } @database_name_var TO DISK = @physical_backup_device_name_var
      //   WITH option [ , …n ]
      assertEquals("BACKUP", statement.get(0));
      assertTrue(Set.of("DATABASE", "LOG").contains(statement.get(1)), statement.toString());
      assertEquals(List.of("@name", "TO", "DISK", "=", "@file", "WITH"), statement.subList(2, 8));
      List<String> options = statement.subList(8, statement.size());
      for (int i = 0; i < options.size(); i++) {
        assertEquals(i % 2 == 1, options.get(i).equals(","), statement.toString());
        if (i % 2 == 0) {
          assertTrue(DOCUMENTED_OPTIONS.contains(options.get(i)), options.get(i));
        }
      }
      assertTrue(options.containsAll(List.of("CHECKSUM", "FORMAT", "INIT")), statement.toString());
      assertEquals(statement.get(1).equals("DATABASE") && options.contains("DIFFERENTIAL"),
          options.contains("DIFFERENTIAL"), "DIFFERENTIAL is a BACKUP DATABASE option only");
    }
    String shape = String.join(" ", TsqlTokens.shape(tokens));
    assertTrue(shape.contains("CASE WHEN CAST ( SERVERPROPERTY ( '…' ) AS INT ) IN ( 2 , 3 )"
        + " THEN '…' ELSE '…' END"), "compression on Standard and Enterprise (and Developer)");
    assertTrue(tokens.stream().anyMatch(t -> t.value().equals(", COMPRESSION")));
    assertTrue(shape.contains("EXEC SP_EXECUTESQL @sql , '…' , @name = @name , @file = @file"),
        "the name and the file go in as parameters");
    assertTrue(shape.contains("RESTORE VERIFYONLY FROM DISK = @file WITH CHECKSUM"),
        "each full backup is verified");
  }

  @Test
  void theRecoveryModelIsSetOnModel() {
    for (String model : List.of("FULL", "SIMPLE")) {
      String shape = String.join(" ",
          TsqlTokens.shape(TsqlTokens.of(BackupScript.of(BackupKind.FULL, List.of(), model))));
      // ALTER DATABASE { database_name } SET RECOVERY { FULL | BULK_LOGGED | SIMPLE }
      assertTrue(shape.contains("ALTER DATABASE […] SET RECOVERY " + model + " ;"), shape);
    }
  }

  @Test
  void filesAreNamedAsRetentionReadsThem() {
    String script = BackupScript.of(BackupKind.LOG, List.of(), "FULL");
    List<Token> tokens = TsqlTokens.of(script);
    // The directory, the separators and the extension, in the order BackupFiles.NAME reads them.
    int set = assignmentOf(tokens, "@file");
    List<String> parts = new ArrayList<>();
    for (int i = set + 2; !tokens.get(i).is(";"); i++) {
      parts.add(tokens.get(i).type() == Type.TEXT ? "'" + tokens.get(i).value() + "'"
          : tokens.get(i).source());
    }
    assertEquals("'" + BackupFiles.DIRECTORY + "/' + @time + '_' + @kind + '_' + CONVERT ( NVARCHAR"
        + " ( 10 ) , DB_ID ( @name ) ) + '_' + @label + '.bak'", String.join(" ", parts)
        .replace("nvarchar", "NVARCHAR"));
    Matcher example = BackupFiles.NAME.matcher("20261207T051200Z_log_5_a-b.c_d.bak");
    assertTrue(example.matches());
    assertEquals("5", example.group("database"));
    assertFalse(BackupFiles.NAME.matcher("20261207T051200Z_log_5_a b.bak").matches());
    // The label's characters are the ones the T-SQL keeps.
    assertTrue(script.contains("N'%[^A-Za-z0-9._-]%'"));
    assertTrue(BackupFiles.NAME.pattern().contains("[A-Za-z0-9._-]"));
  }

  @Test
  void theReportLineIsTheOneTheGoalsRead() {
    List<Token> tokens = TsqlTokens.of(BackupScript.of(BackupKind.FULL, List.of(), "FULL"));
    assertTrue(tokens.stream().anyMatch(t -> t.type() == Type.TEXT
        && t.value().equals(BackupScript.WROTE)));
  }

  @ParameterizedTest
  @EnumSource(BackupKind.class)
  void blocksAreBalanced(BackupKind kind) {
    List<Token> tokens = TsqlTokens.of(BackupScript.of(kind, List.of(), "FULL"));
    assertEquals(tokens.stream().filter(t -> t.is("BEGIN")).count(),
        tokens.stream().filter(t -> t.is("END")).count() - tokens.stream()
            .filter(t -> t.is("CASE")).count());
    assertEquals(tokens.stream().filter(t -> t.is("(")).count(),
        tokens.stream().filter(t -> t.is(")")).count());
  }

  private static List<String> insertedNames(List<Token> tokens) {
    int values = indexOf(tokens, "VALUES", 0);
    List<String> names = new ArrayList<>();
    int i = values + 1;
    while (tokens.get(i).is("(")) {
      int close = i + 1;
      int depth = 1;
      while (depth > 0) {
        depth += tokens.get(close).is("(") ? 1 : tokens.get(close).is(")") ? -1 : 0;
        close++;
      }
      names.add(TsqlTokens.evaluate(tokens.subList(i + 1, close - 1)));
      i = tokens.get(close).is(",") ? close + 1 : close;
    }
    assertTrue(tokens.get(i).is(";"));
    return names;
  }

  private static int indexOf(List<Token> tokens, String word, int from) {
    for (int i = from; i < tokens.size(); i++) {
      if (tokens.get(i).is(word)) {
        return i;
      }
    }
    throw new AssertionError(word + " is not in the script");
  }

  private static int assignmentOf(List<Token> tokens, String variable) {
    for (int i = 1; i < tokens.size(); i++) {
      if (tokens.get(i - 1).is("SET") && tokens.get(i).value().equals(variable)) {
        return i;
      }
    }
    throw new AssertionError(variable + " is never set");
  }

  private static void assertSqlcmdReadsNoCommand(String script) {
    assertFalse(script.contains("$("), "no scripting variable");
    for (String line : script.split("\n")) {
      String start = line.strip();
      assertFalse(start.startsWith(":") || start.equalsIgnoreCase("GO")
          || start.toUpperCase().startsWith("GO "), "a sqlcmd command: " + line);
      assertFalse(line.contains("\r"), line);
    }
  }
}
