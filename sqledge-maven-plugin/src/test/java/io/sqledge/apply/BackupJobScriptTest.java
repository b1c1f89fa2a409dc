package io.sqledge.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqledge.apply.SqlcmdJobScripts.Run;
import io.sqledge.sql.BackupFiles;
import io.sqledge.sql.BackupStore;
import io.sqledge.sql.CredentialScript;
import io.sqledge.sql.RestoreScript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The backup job's script (templates/backup.sh) with BusyBox's sh, once with BusyBox's own tools
 * and once with the machine's (GNU coreutils and awk, as in SQL Server's Ubuntu image): how it
 * calls sqlcmd, that it fails with it, and what retention deletes. No SQL Server runs here, so a
 * recording {@code sqlcmd} stands in for the client: it writes down its arguments and exits as
 * told. What the T-SQL does in SQL Server is checked against the documentation only
 * (io.sqledge.sql.BackupScriptTest).
 */
class BackupJobScriptTest {

  private static final Path SCRIPT = Path.of("../templates/backup.sh");
  /** What the sqlcmd jobs' scripts share, beside them in their ConfigMaps. */
  static final Path LIBRARY = Path.of("../templates/sqlcmd.sh");
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final List<String> BUSYBOX_TOOLS =
      List.of("ls", "grep", "awk", "date", "rm", "wc", "cat", "sed");

  @TempDir Path work;
  private Path backups;

  @BeforeEach
  void prepare() throws IOException {
    backups = Files.createDirectories(work.resolve("backup"));
    Files.createDirectories(work.resolve("tmp"));
    Path scripts = Files.createDirectories(work.resolve("scripts"));
    for (String kind : List.of("full", "differential", "log")) {
      Files.writeString(scripts.resolve("backup-" + kind + ".sql"), "-- " + kind + "\n");
    }
    Files.copy(LIBRARY, scripts.resolve("sqlcmd.sh"));
    // The stand-in client: records how it was called, and whether the password reached it.
    Path sqlcmd = Files.writeString(Files.createDirectories(work.resolve("sqlcmd"))
        .resolve("sqlcmd"), """
        #!/bin/sh
        echo "$@" > "$TMPDIR/sqlcmd-arguments"
        echo "$@" >> "$TMPDIR/sqlcmd-calls"
        case "$*" in *restore-plan.sql*) cat "$TMPDIR/plan-output" 2>/dev/null ;; esac
        while [ $# -gt 1 ]; do [ "$1" = -i ] && cat "$2" >> "$TMPDIR/sqlcmd-input"; shift; done
        [ -n "${SQLCMDPASSWORD:-}" ] && echo set > "$TMPDIR/sqlcmd-password"
        echo "sqledge: wrote /var/opt/mssql/backup/x.bak"
        exit "${FAKE_SQLCMD_EXIT:-0}"
        """);
    assertTrue(sqlcmd.toFile().setExecutable(true));
  }

  private Run run(String tools, Map<String, String> env, String... args) throws Exception {
    Map<String, String> all = new HashMap<>(Map.of("TMPDIR", work.resolve("tmp").toString(),
        "SQLEDGE_BACKUP_DIR", backups.toString(), "SQLEDGE_SCRIPTS",
        work.resolve("scripts").toString(), "SQLEDGE_HOST", "db.shop.svc.cluster.local",
        "SQLEDGE_PORT", "1433", "SQLEDGE_LOGIN", "sa", "SQLCMDPASSWORD", "Not-Shown-1",
        "SQLEDGE_RETENTION_DAYS", "7"));
    all.putAll(env);
    return new SqlcmdJobScripts(work, BUSYBOX_TOOLS).run(SCRIPT, tools, all, args);
  }

  private String file(Duration age, String kind, int database, String label) throws IOException {
    String name = TIME.format(Instant.now().minus(age)) + "_" + kind + "_" + database + "_"
        + label + ".bak";
    assertTrue(BackupFiles.NAME.matcher(name).matches(), name);
    Files.writeString(backups.resolve(name), kind);
    return name;
  }

  private Set<String> left() throws IOException {
    try (Stream<Path> files = Files.list(backups)) {
      return new TreeSet<>(files.map(p -> p.getFileName().toString()).toList());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"busybox", "gnu"})
  void callsSqlcmdWithTheKindsScriptAndThePasswordFromTheEnvironmentOnly(String tools)
      throws Exception {
    Run run = run(tools, Map.of(), "log");

    assertEquals(0, run.exit(), run.output());
    String arguments = Files.readString(work.resolve("tmp/sqlcmd-arguments")).strip();
    assertEquals("-S tcp:db.shop.svc.cluster.local,1433 -U sa -C -b -f i:65001 -i "
        + work.resolve("scripts/backup-log.sql"), arguments);
    assertEquals("set", Files.readString(work.resolve("tmp/sqlcmd-password")).strip());
    assertFalse(run.output().contains("Not-Shown-1"), run.output());
    assertTrue(run.output().contains("sqledge: wrote /var/opt/mssql/backup/x.bak"), run.output());
  }

  @ParameterizedTest
  @ValueSource(strings = {"busybox", "gnu"})
  void retentionKeepsTheWindowAndTheFullBackupItsChainsBuildOn(String tools) throws Exception {
    Duration day = Duration.ofDays(1);
    // Database 5: a chain wholly before the window, then the full backup the window builds on.
    String oldFull = file(day.multipliedBy(10), "full", 5, "sales");
    String oldDifferential = file(day.multipliedBy(9), "differential", 5, "sales");
    String oldLog = file(day.multipliedBy(9).plusHours(12), "log", 5, "sales");
    String base = file(day.multipliedBy(8), "full", 5, "sales");
    String logAfterBase = file(day.multipliedBy(7).plusHours(12), "log", 5, "sales");
    String recentFull = file(day, "full", 5, "sales");
    String recentLog = file(Duration.ofHours(12), "log", 5, "sales");
    // Database 6: no full backup before the window, so nothing of it may go.
    String lonelyLog = file(day.multipliedBy(10), "log", 6, "it-s");
    String lonelyFull = file(day.multipliedBy(3), "full", 6, "it-s");
    // Database 7: two old full backups; the newer is the base.
    String olderFull = file(day.multipliedBy(20), "full", 7, "x");
    String newerFull = file(day.multipliedBy(15), "full", 7, "x");
    // Not ours: never touched.
    Files.writeString(backups.resolve("notes.txt"), "keep");
    Files.writeString(backups.resolve("20200101T000000Z_full_5_a b.bak"), "keep");

    Run run = run(tools, Map.of(), "full");

    assertEquals(0, run.exit(), run.output());
    assertEquals(new TreeSet<>(Set.of(base, logAfterBase, recentFull, recentLog, lonelyLog,
        lonelyFull, newerFull, "notes.txt", "20200101T000000Z_full_5_a b.bak")), left());
    for (String deleted : List.of(oldFull, oldDifferential, oldLog, olderFull)) {
      assertTrue(run.output().contains("sqledge: deleted " + deleted), run.output());
    }
    assertTrue(run.output().contains("retention: 7 backup files kept, 4 deleted"), run.output());
  }

  @Test
  void aRestoreRunsRestoreSqlAndDeletesNothing() throws Exception {
    Files.writeString(work.resolve("scripts/restore.sql"), "-- restore\n");
    String old = file(Duration.ofDays(30), "full", 5, "sales");
    file(Duration.ofDays(20), "full", 5, "sales");

    Run run = run("busybox", Map.of(), "restore");

    assertEquals(0, run.exit(), run.output());
    assertEquals("-S tcp:db.shop.svc.cluster.local,1433 -U sa -C -b -f i:65001 -i "
        + work.resolve("scripts/restore.sql"),
        Files.readString(work.resolve("tmp/sqlcmd-arguments")).strip());
    assertTrue(left().contains(old), "retention is the backups' business");
    assertEquals(1, run("busybox", Map.of("FAKE_SQLCMD_EXIT", "1"), "restore").exit());
  }

  @ParameterizedTest
  @ValueSource(strings = {"busybox", "gnu"})
  void toABucketTheCredentialIsSetFirstWithTheKeysAndNoRetentionRuns(String tools)
      throws Exception {
    Files.writeString(work.resolve("scripts/credential.sql"),
        "CREATE CREDENTIAL [s3://h/b] WITH IDENTITY = N'S3 Access Key', SECRET = N'"
            + CredentialScript.SECRET_TOKEN + "';\n");
    String old = file(Duration.ofDays(30), "full", 5, "sales");
    Map<String, String> bucket = Map.of("SQLEDGE_BACKUP_TARGET", "s3",
        "SQLEDGE_S3_ACCESS_KEY_ID", "AKIAEXAMPLE", "SQLEDGE_S3_SECRET_ACCESS_KEY",
        "wJalr/K7MDENG+bPxRfi=Y");

    Run run = run(tools, bucket, "full");

    assertEquals(0, run.exit(), run.output());
    String given = Files.readString(work.resolve("tmp/sqlcmd-input"));
    assertTrue(given.startsWith("CREATE CREDENTIAL [s3://h/b] WITH IDENTITY = N'S3 Access Key',"
        + " SECRET = N'AKIAEXAMPLE:wJalr/K7MDENG+bPxRfi=Y';\n-- full\n"), given);
    assertFalse(run.output().contains("wJalr"), run.output());
    assertFalse(Files.exists(work.resolve("tmp/sqledge-credential.sql")), "removed at once");
    assertTrue(left().contains(old), "the bucket's lifecycle rule deletes, not the job");
    assertTrue(run.output().contains("retention: the store's lifecycle rule"), run.output());
  }

  /** A SAS token is a URL's query: {@code &} and {@code %} must reach the literal as they are. */
  @ParameterizedTest
  @ValueSource(strings = {"busybox", "gnu"})
  void toAContainerTheCredentialHoldsTheSasTokenWithoutItsQuestionMark(String tools)
      throws Exception {
    String name = "https://acct.blob.core.windows.net/backups";
    Files.writeString(work.resolve("scripts/credential.sql"),
        CredentialScript.of(BackupStore.AZURE_BLOB, name + "/shop"));
    String token = "sv=2022-11-02&ss=b&srt=co&sp=rwdlac&se=2027-01-01T00:00:00Z&spr=https"
        + "&sig=a%2Bb%2Fc%3D";

    Run run = run(tools, Map.of("SQLEDGE_BACKUP_TARGET", "azure-blob",
        "SQLEDGE_AZURE_SAS_TOKEN", "?" + token), "log");

    assertEquals(0, run.exit(), run.output());
    String given = Files.readString(work.resolve("tmp/sqlcmd-input"));
    assertTrue(given.contains("CREATE CREDENTIAL [" + name + "] WITH IDENTITY = N'SHARED ACCESS"
        + " SIGNATURE', SECRET = N'" + token + "';\n"), given);
    assertFalse(given.contains(CredentialScript.SECRET_TOKEN), given);
    assertFalse(run.output().contains("sig="), run.output());
    assertFalse(Files.exists(work.resolve("tmp/sqledge-credential.sql")), "removed at once");
  }

  @Test
  void keysThatCouldLeaveTheLiteralAreRefused() throws Exception {
    Files.writeString(work.resolve("scripts/credential.sql"),
        CredentialScript.SECRET_TOKEN + "\n");
    for (String secret : List.of("a'b", "a|b", "a&b", "a b", "")) {
      Run run = run("busybox", Map.of("SQLEDGE_BACKUP_TARGET", "s3",
          "SQLEDGE_S3_ACCESS_KEY_ID", "AKIA", "SQLEDGE_S3_SECRET_ACCESS_KEY", secret), "full");
      assertEquals(2, run.exit(), secret + ": " + run.output());
      assertFalse(Files.exists(work.resolve("tmp/sqlcmd-arguments")), "sqlcmd never ran");
    }
    for (String token : List.of("sv=1&sig=a'b", "sv=1\nGO", "sv=$(x)", "sv=1;sig=2", "?", "")) {
      Run run = run("busybox", Map.of("SQLEDGE_BACKUP_TARGET", "azure-blob",
          "SQLEDGE_AZURE_SAS_TOKEN", token), "full");
      assertEquals(2, run.exit(), token + ": " + run.output());
      assertTrue(run.output().contains("the container's sasToken must be set"), run.output());
      assertFalse(Files.exists(work.resolve("tmp/sqlcmd-arguments")), "sqlcmd never ran");
    }
    Run unknown = run("busybox", Map.of("SQLEDGE_BACKUP_TARGET", "url"), "full");
    assertEquals(2, unknown.exit(), unknown.output());
    assertTrue(unknown.output().contains("must be claim, s3 or azure-blob"), unknown.output());
  }

  /**
   * A drill: the plan runs on the original and its step lines, and only those, are put between
   * the head and the apply part of the copy's script, which runs on the copy.
   */
  @ParameterizedTest
  @ValueSource(strings = {"busybox", "gnu"})
  void aDrillPlansOnTheOriginalAndRestoresTheStepsOnTheCopy(String tools) throws Exception {
    writeDrillScripts();
    String full = RestoreScript.STEP + "full', N'/var/opt/mssql/backup/a.bak');";
    String log = RestoreScript.STEP + "log', N'/var/opt/mssql/backup/it''s.bak');";
    Files.writeString(work.resolve("tmp/plan-output"), full + "\n" + log + "\n"
        + RestoreScript.CHAIN_ENDS + "2026-12-07T05:30:00Z\n" + "GO\n:!! rm -rf /\n");
    String old = file(Duration.ofDays(30), "full", 5, "sales");

    Run run = run(tools, DRILL, "drill");

    assertEquals(0, run.exit(), run.output());
    List<String> calls = Files.readAllLines(work.resolve("tmp/sqlcmd-calls"));
    assertEquals(2, calls.size(), calls.toString());
    assertTrue(calls.get(0).startsWith("-S tcp:db.shop.svc.cluster.local,1433 -U sa"), calls.get(0));
    assertTrue(calls.get(0).endsWith("/scripts/restore-plan.sql"), calls.get(0));
    assertTrue(calls.get(1).startsWith("-S tcp:drill.shop.svc.cluster.local,1433 -U sa -C -b"),
        calls.get(1));
    String restored = Files.readString(work.resolve("tmp/sqlcmd-input"))
        .substring("-- plan\n".length());
    assertEquals("-- head\n" + full + "\n" + log + "\n-- apply\n", restored,
        "only the plan's step lines reach the copy");
    assertTrue(run.output().contains(RestoreScript.CHAIN_ENDS + "2026-12-07T05:30:00Z"),
        run.output());
    assertTrue(run.output().contains("sqledge: 2 backup files to restore"), run.output());
    assertTrue(left().contains(old), "a drill deletes nothing");
  }

  @Test
  void aDrillWhosePlanFailsShowsWhyAndLeavesTheCopyAlone() throws Exception {
    writeDrillScripts();
    Files.writeString(work.resolve("tmp/plan-output"), "Msg 50001, Level 16, State 1:\n"
        + "sqledge: no full backup to start from: the backups of this database cover nothing\n");

    Run run = run("busybox", Map.of("SQLEDGE_COPY_HOST", "drill.shop.svc.cluster.local",
        "SQLEDGE_COPY_PORT", "1433", "FAKE_SQLCMD_EXIT", "1"), "drill");

    assertEquals(1, run.exit(), run.output());
    assertTrue(run.output().contains("sqledge: no full backup to start from"), run.output());
    assertEquals(1, Files.readAllLines(work.resolve("tmp/sqlcmd-calls")).size(),
        "the copy is never called");
  }

  @Test
  void aDrillFromAContainerGivesTheCopyTheCredentialFirst() throws Exception {
    writeDrillScripts();
    Files.writeString(work.resolve("scripts/credential.sql"),
        CredentialScript.of(BackupStore.AZURE_BLOB, "https://a.blob.core.windows.net/c"));
    Map<String, String> env = new java.util.HashMap<>(DRILL);
    env.putAll(Map.of("SQLEDGE_BACKUP_TARGET", "azure-blob", "SQLEDGE_AZURE_SAS_TOKEN",
        "sv=2022-11-02&sig=x%3D"));

    Run run = run("busybox", env, "drill");

    assertEquals(0, run.exit(), run.output());
    List<String> calls = Files.readAllLines(work.resolve("tmp/sqlcmd-calls"));
    assertEquals(List.of("db.shop", "drill.shop", "drill.shop"), calls.stream()
        .map(call -> call.substring("-S tcp:".length(), call.indexOf(".svc"))).toList());
    assertTrue(calls.get(1).endsWith("sqledge-credential.sql"), calls.get(1));
  }

  private static final Map<String, String> DRILL = Map.of(
      "SQLEDGE_COPY_HOST", "drill.shop.svc.cluster.local", "SQLEDGE_COPY_PORT", "1433");

  private void writeDrillScripts() throws IOException {
    Path scripts = work.resolve("scripts");
    Files.writeString(scripts.resolve("restore-plan.sql"), "-- plan\n");
    Files.writeString(scripts.resolve("restore-head.sql"), "-- head\n");
    Files.writeString(scripts.resolve("restore-apply.sql"), "-- apply\n");
  }

  @Test
  void aFailedBackupFailsTheJobAndDeletesNothing() throws Exception {
    String old = file(Duration.ofDays(30), "full", 5, "sales");
    file(Duration.ofDays(20), "full", 5, "sales");

    Run run = run("busybox", Map.of("FAKE_SQLCMD_EXIT", "1"), "full");

    assertEquals(1, run.exit(), run.output());
    assertTrue(left().contains(old), "retention waits for a backup that worked");
  }

  @Test
  void refusesWhatItCannotRead() throws Exception {
    assertEquals(2, run("busybox", Map.of(), "weekly").exit());
    Run noDays = run("busybox", Map.of("SQLEDGE_RETENTION_DAYS", "7d"), "full");
    assertEquals(2, noDays.exit());
    assertTrue(noDays.output().contains("SQLEDGE_RETENTION_DAYS must be a whole number"));
  }

  @Test
  void anImageWithoutSqlcmdIsNamed() throws Exception {
    Files.delete(work.resolve("sqlcmd/sqlcmd"));
    Run run = run("busybox", Map.of(), "full");
    assertEquals(127, run.exit(), run.output());
    assertTrue(run.output().contains("this image has no sqlcmd: set engine.clientImage"), run.output());
  }

  @Test
  void readsTheFileNamesTheScriptsWrite() throws Exception {
    String pattern = BackupFiles.NAME.pattern().replaceAll("\\?<[a-z]+>", "");
    assertTrue(Files.readString(SCRIPT).contains("grep -E '^" + pattern + "$'"),
        "backup.sh lists the files BackupFiles.NAME describes: " + pattern);
  }
}
