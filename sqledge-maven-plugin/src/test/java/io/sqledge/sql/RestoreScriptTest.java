package io.sqledge.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqledge.sql.TsqlTokens.Token;
import io.sqledge.sql.TsqlTokens.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The restore script, read by a T-SQL lexer and held to "RESTORE Statements (Transact-SQL)" and
 * "Restore a SQL Server Database to a Point in Time (Full Recovery Model)". What it does in SQL
 * Server is checked against the documentation only (docs/backups.md).
 */
class RestoreScriptTest {

  private static final Instant TIME = Instant.parse("2026-12-07T05:30:15.750Z");

  private static List<List<String>> restoreStatements(List<Token> tokens) {
    List<List<String>> statements = new ArrayList<>();
    for (Token token : tokens) {
      if (token.type() == Type.TEXT && token.value().startsWith("RESTORE ")) {
        statements.add(TsqlTokens.shape(TsqlTokens.of(token.value())));
      }
    }
    return statements;
  }

  @Test
  void theRestoreSequenceFollowsTheDocumentedSyntax() {
    List<Token> tokens = TsqlTokens.of(RestoreScript.of("sales", Optional.of(TIME),
        Optional.empty(), true));
    // RESTORE DATABASE @database_name_var FROM DISK = @backup_device_name_var WITH NORECOVERY…
    // From the claim (DISK) or from a bucket (URL), as the history's device name says.
    List<List<String>> expected = new ArrayList<>();
    for (String device : List.of("URL", "DISK")) {
      for (String what : List.of("LOG", "DATABASE")) {
        expected.add(List.of("RESTORE", what, "@database", "FROM", device, "=", "@file", "WITH",
            "NORECOVERY", ",", "CHECKSUM"));
      }
    }
    assertEquals(expected, restoreStatements(tokens));
    String shape = String.join(" ", TsqlTokens.shape(tokens));
    assertTrue(shape.contains("THEN '…' ELSE '…' END"));
    assertTrue(tokens.stream().anyMatch(t -> t.value().equals(", REPLACE")));
    assertTrue(tokens.stream().anyMatch(t -> t.value().equals(", STOPAT = @stopAt")),
        "STOPAT on every log restore, as the documentation recommends");
    assertTrue(shape.endsWith("RESTORE DATABASE @database WITH RECOVERY ; PRINT '…' + ISNULL ("
        + " CONVERT ( NVARCHAR ( 19 ) , @stopAt , 126 ) , '…' ) + '…' ;"), shape);
    assertTrue(shape.contains("EXEC SP_EXECUTESQL @sql , '…' , @database = @database ,"
        + " @file = @file , @stopAt = @stopAt"), "name, file and time go in as parameters");
  }

  @Test
  void theTimeIsUtcToTheSecondAndConvertedWithTheServersOwnOffset() {
    String script = RestoreScript.of("sales", Optional.of(TIME), Optional.empty(), false);
    assertTrue(script.contains("DECLARE @stopAt datetime2(0) = DATEADD(minute, DATEDIFF(minute,"
        + " SYSUTCDATETIME(), SYSDATETIME()), CONVERT(datetime2(0), N'2026-12-07T05:30:15', 126));"),
        script);
    assertTrue(RestoreScript.of("sales", Optional.empty(), Optional.empty(), false)
        .contains("DECLARE @stopAt datetime2(0) = NULL;"));
  }

  @Test
  void hostileNamesReachSqlServerWhole() {
    for (String name : TsqlTest.HOSTILE_NAMES) {
      List<Token> tokens = TsqlTokens.of(RestoreScript.of(name, Optional.empty(),
          Optional.empty(), false));
      int declare = 0;
      while (!(tokens.get(declare).value().equals("@database")
          && tokens.get(declare + 1).is("sysname"))) {
        declare++;
      }
      int end = declare + 3;
      while (!tokens.get(end).is(";")) {
        end++;
      }
      assertEquals(name, TsqlTokens.evaluate(tokens.subList(declare + 3, end)), name);
      assertFalse(RestoreScript.of(name, Optional.empty(), Optional.empty(), false)
          .contains("$("), name);
    }
  }

  @Test
  void replaceIsAskedForAndSingleUserUsesQuotenameOnTheServer() {
    String kept = RestoreScript.of("sales", Optional.empty(), Optional.empty(), false);
    assertTrue(kept.contains("DECLARE @replace bit = 0;"));
    assertTrue(kept.contains("IF DB_ID(@database) IS NOT NULL AND @replace = 0"));
    assertTrue(kept.contains("-Dsqledge.restore.replace=true"));
    assertTrue(kept.contains("N'ALTER DATABASE ' + QUOTENAME(@database)"));
  }

  @Test
  void fromNamesAFullBackupOnTheClaim() {
    String script = RestoreScript.of("sales", Optional.empty(),
        Optional.of("20261206T000000Z_full_5_sales.bak"), false);
    assertTrue(script.contains("DECLARE @from nvarchar(4000) = N'20261206T000000Z_full_5_sales"
        + ".bak';"), script);
    assertTrue(script.contains("RIGHT(f.physical_device_name, LEN(@from) + 1) = N'/' + @from"),
        "the file's name on the claim or in the bucket");
    assertThrows(IllegalArgumentException.class, () -> RestoreScript.of("sales",
        Optional.empty(), Optional.of("20261206T000000Z_log_5_sales.bak"), false));
    assertThrows(IllegalArgumentException.class, () -> RestoreScript.of("sales",
        Optional.empty(), Optional.of("../../etc/passwd"), false));
  }

  @Test
  void aTimeOutsideTheChainNamesWhatItCovers() {
    List<Token> tokens = TsqlTokens.of(RestoreScript.of("sales", Optional.of(TIME),
        Optional.empty(), false));
    List<String> texts = tokens.stream().filter(t -> t.type() == Type.TEXT).map(Token::value)
        .toList();
    assertTrue(texts.contains("sqledge: the point in time is after the last backup: "));
    assertTrue(texts.contains("sqledge: no full backup to start from: "));
    assertTrue(texts.contains("the backups of this database cover "));
    assertEquals(4, tokens.stream().filter(t -> t.is("THROW")).count());
  }

  /**
   * A drill's plan restores nothing and minds no existing database (it reads the original's
   * history); what it prints are INSERT lines whose literal gives back each file name whole.
   */
  @Test
  void aDrillsPlanPrintsTheChainAsInsertsThatCarryEveryName() {
    String plan = RestoreScript.drillPlan("sales", Optional.empty(), Optional.empty());
    List<Token> tokens = TsqlTokens.of(plan);
    assertEquals(List.of(), restoreStatements(tokens), "the original is only read");
    assertFalse(plan.contains("50002"), "the database exists on the original, of course");
    assertFalse(plan.contains("SINGLE_USER"), plan);
    String shape = String.join(" ", TsqlTokens.shape(tokens));
    // The line: STEP + kind + ', N' + the name with its quotes doubled + ');
    assertTrue(shape.contains("SELECT '…' + KIND + '…' + REPLACE ( FILE_NAME , '…' , '…' ) + '…'"
        + " FROM @steps ORDER BY STEP"), shape);
    List<String> literals = tokens.stream().filter(t -> t.type() == Type.TEXT)
        .map(Token::value).toList();
    int at = literals.indexOf(RestoreScript.STEP);
    assertEquals(List.of(RestoreScript.STEP, "', N'", "'", "''", "');"),
        literals.subList(at, at + 5));
    for (String name : List.of("/var/opt/mssql/backup/20261207T051200Z_full_5_sales.bak",
        "https://a.blob.core.windows.net/c/it's.bak", "s3://h/b/'; DROP DATABASE x; --.bak")) {
      // What SQL Server prints for this row, by the literals above.
      String line = literals.get(at) + "log" + literals.get(at + 1)
          + name.replace(literals.get(at + 2), literals.get(at + 3)) + literals.get(at + 4);
      List<Token> insert = TsqlTokens.of(line);
      assertEquals("INSERT INTO @steps ( KIND , FILE_NAME ) VALUES ( '…' , '…' ) ;",
          String.join(" ", TsqlTokens.shape(insert)), line);
      assertEquals(List.of("log", name), insert.stream().filter(t -> t.type() == Type.TEXT)
          .map(Token::value).toList());
    }
    assertTrue(plan.contains("CHARINDEX(NCHAR(10), file_name) > 0"), "no line breaks");
    assertFalse(plan.contains("$("), "sqlcmd would read it as a variable");
    assertTrue(shape.endsWith("PRINT '…' + CONVERT ( NVARCHAR ( 19 ) , DATEADD ( MINUTE ,"
        + " DATEDIFF ( MINUTE , SYSDATETIME ( ) , SYSUTCDATETIME ( ) ) , @end ) , 126 ) + '…' ;"),
        "the chain's end in UTC: " + shape);
  }

  /** The new instance's script: head, the plan's lines, then the restore and DBCC CHECKDB. */
  @Test
  void aDrillRestoresThePlansStepsAndChecksTheCopy() {
    String script = RestoreScript.drillHead("it's", Optional.of(TIME))
        + RestoreScript.STEP + "full', N'/var/opt/mssql/backup/a.bak');\n"
        + RestoreScript.STEP + "log', N'/var/opt/mssql/backup/b.bak');\n"
        + RestoreScript.drillApply();
    List<Token> tokens = TsqlTokens.of(script);
    assertEquals(4, restoreStatements(tokens).size());
    String shape = String.join(" ", TsqlTokens.shape(tokens));
    assertTrue(shape.contains("DECLARE @steps TABLE"), shape);
    assertTrue(shape.contains("VALUES ( '…' , '…' ) ; IF NOT EXISTS ( SELECT 1 FROM @steps )"),
        shape);
    // DBCC CHECKDB [ ( database_name | database_id | 0 ) ] [ WITH NO_INFOMSGS ]
    assertTrue(shape.endsWith("RESTORE DATABASE @database WITH RECOVERY ; PRINT '…' + ISNULL ("
        + " CONVERT ( NVARCHAR ( 19 ) , @stopAt , 126 ) , '…' ) + '…' ; DBCC CHECKDB ( @database"
        + " ) WITH NO_INFOMSGS ; PRINT '…' + @database ;"), shape);
    assertTrue(script.contains("DECLARE @database sysname = N'it''s';"), script);
    assertTrue(script.contains("CONVERT(datetime2(0), N'2026-12-07T05:30:15', 126)"),
        "the time converted with the new instance's own offset");
  }
}
