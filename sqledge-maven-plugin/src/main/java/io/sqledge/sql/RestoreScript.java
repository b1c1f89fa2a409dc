package io.sqledge.sql;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The T-SQL a restore job sends through sqlcmd: one database back from the backups the same
 * server took, to a point in time or to the end of its last log backup.
 *
 * <p>The chain comes from the server's own backup history ("backupset (Transact-SQL)",
 * "backupmediafamily (Transact-SQL)"): the newest full backup finished by the time (or the one
 * {@code from} names), the newest differential of that full backup finished by then (its
 * {@code database_backup_lsn} is the full backup's {@code checkpoint_lsn}), and every log backup
 * after them up to the first that ends after the time, each checked to start where the one before
 * ended. A time the chain does not cover is an error that names what it covers. Then, as "Restore
 * a SQL Server Database to a Point in Time (Full Recovery Model)" shows it: {@code RESTORE
 * DATABASE … WITH NORECOVERY}, the differential likewise, {@code RESTORE LOG … WITH NORECOVERY,
 * STOPAT = …} for each log backup, and {@code RESTORE DATABASE … WITH RECOVERY}. An existing
 * database is only overwritten with {@code replace}, and then first set to single-user, since a
 * restore cannot start while others use it.
 *
 * <p>The time is given in UTC; backup history and {@code STOPAT} are in the server's local time,
 * so the script converts with the server's own offset.
 */
public final class RestoreScript {

  /** The start of the line that reports a restore; the goal reads the job's log for it. */
  public static final String RESTORED = "sqledge: restored ";

  /** The start of each line a drill's plan prints: one step, as T-SQL for the new instance. */
  public static final String STEP = "INSERT INTO @steps (kind, file_name) VALUES (N'";

  /** The start of the line that tells when a drill's chain ends, in UTC. */
  public static final String CHAIN_ENDS = "sqledge: the chain ends ";

  /** The start of the line that reports a drill's copy checked by DBCC CHECKDB. */
  public static final String CHECKED = "sqledge: checked ";

  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private RestoreScript() {}

  /** One restore step's statement, the database and the file as parameters. */
  private static String restore(String what, String device) {
    return Tsql.literal("RESTORE " + what + " @database FROM " + device
        + " = @file WITH NORECOVERY, CHECKSUM");
  }

  /**
   * The script that restores {@code database} on the server whose backup history it reads.
   *
   * @param database the database to restore, as its backups name it
   * @param pointInTime the time to stop at; empty for the end of the last log backup
   * @param from a full backup's file name (on the claim or in the bucket) to start from; empty
   *     for the newest full backup finished by the time
   * @param replace whether an existing database may be overwritten
   */
  public static String of(String database, Optional<Instant> pointInTime, Optional<String> from,
      boolean replace) {
    return String.join("\n", header(database, pointInTime, from, replace), chain(), apply(), "");
  }

  /**
   * A restore drill's first script, for the server the backups came from: finds the chain as
   * {@link #of} does, without restoring anything or minding that the database exists there, and
   * prints it as the {@code INSERT} statements of {@link #drillHead}'s table, one a line
   * ({@link #STEP}), the file names' quotes doubled. A name that holds a line break or {@code $(}
   * is refused: sqlcmd reads the lines before SQL Server does. It also prints when the newest
   * backup of the chain ended, in UTC ({@link #CHAIN_ENDS}).
   */
  public static String drillPlan(String database, Optional<Instant> pointInTime,
      Optional<String> from) {
    return String.join("\n", header(database, pointInTime, from, false), chain(),
        "IF EXISTS (SELECT 1 FROM @steps WHERE CHARINDEX(NCHAR(10), file_name) > 0"
            + " OR CHARINDEX(NCHAR(13), file_name) > 0 OR CHARINDEX(N'$' + N'(', file_name) > 0)",
        "  THROW 50005, N'sqledge: a backup file name holds a line break or $' + N'(, which"
            + " sqlcmd cannot carry', 1;",
        "DECLARE @line nvarchar(4000);",
        "DECLARE lines CURSOR LOCAL FAST_FORWARD FOR SELECT " + Tsql.literal(STEP)
            + " + kind + N''', N''' + REPLACE(file_name, N'''', N'''''') + N''');'"
            + " FROM @steps ORDER BY step;",
        "OPEN lines;",
        "FETCH NEXT FROM lines INTO @line;",
        "WHILE @@FETCH_STATUS = 0",
        "BEGIN",
        "  PRINT @line;",
        "  FETCH NEXT FROM lines INTO @line;",
        "END;",
        "CLOSE lines;",
        "DEALLOCATE lines;",
        "PRINT " + Tsql.literal(CHAIN_ENDS) + " + CONVERT(nvarchar(19), DATEADD(minute,"
            + " DATEDIFF(minute, SYSDATETIME(), SYSUTCDATETIME()), @end), 126) + N'Z';",
        "");
  }

  /**
   * A restore drill's second script begins with this, on the new instance: the declarations, the
   * time converted with that server's offset. The lines {@link #drillPlan} printed follow it, then
   * {@link #drillApply}: one batch, so that the steps reach the restore as a table.
   */
  public static String drillHead(String database, Optional<Instant> pointInTime) {
    return String.join("\n", header(database, pointInTime, Optional.empty(), false), "");
  }

  /**
   * A restore drill's script ends with this: the restore of {@link #of}, then {@code DBCC
   * CHECKDB} of the restored database ("DBCC CHECKDB (Transact-SQL)": {@code NO_INFOMSGS}; an
   * error of severity 16 or more fails sqlcmd {@code -b}, so the drill fails on a corrupt copy).
   */
  public static String drillApply() {
    return String.join("\n",
        "IF NOT EXISTS (SELECT 1 FROM @steps)",
        "  THROW 50006, N'sqledge: the server the backups came from named no backup to restore',"
            + " 1;",
        apply(),
        "DBCC CHECKDB (@database) WITH NO_INFOMSGS;",
        "PRINT " + Tsql.literal(CHECKED) + " + @database;",
        "");
  }

  /** The variables, the time, and the table of steps. */
  private static String header(String database, Optional<Instant> pointInTime,
      Optional<String> from, boolean replace) {
    from.ifPresent(file -> {
      if (!BackupFiles.isFull(file)) {
        throw new IllegalArgumentException("not a full backup's file name");
      }
    });
    String stopAt = pointInTime.map(t -> "DATEADD(minute, DATEDIFF(minute, SYSUTCDATETIME(),"
        + " SYSDATETIME()), CONVERT(datetime2(0), "
        + Tsql.literal(ISO.format(t.truncatedTo(ChronoUnit.SECONDS))) + ", 126))").orElse("NULL");
    return String.join("\n",
        "-- sqledge-maven-plugin: restore a database from its backups. See docs/backups.md.",
        "SET NOCOUNT ON;",
        "DECLARE @database sysname = " + Tsql.literal(database) + ";",
        "DECLARE @stopAt datetime2(0) = " + stopAt + ";",
        "DECLARE @from nvarchar(4000) = " + from.map(Tsql::literal).orElse("NULL") + ";",
        "DECLARE @replace bit = " + (replace ? 1 : 0) + ";",
        "DECLARE @file nvarchar(4000), @checkpoint numeric(25, 0), @last numeric(25, 0),"
            + " @first numeric(25, 0), @logLast numeric(25, 0), @finish datetime, @end datetime,"
            + " @covered nvarchar(400), @sql nvarchar(400), @message nvarchar(2048);",
        "DECLARE @steps TABLE (step int IDENTITY PRIMARY KEY, kind nvarchar(12) NOT NULL,"
            + " file_name nvarchar(4000) NOT NULL);");
  }

  /** The chain from the backup history into {@code @steps}, or an error that names what it covers. */
  private static String chain() {
    String chain = "FROM msdb.dbo.backupset AS s JOIN msdb.dbo.backupmediafamily AS f"
        + " ON f.media_set_id = s.media_set_id WHERE s.database_name = @database"
        + " AND s.is_copy_only = 0";
    return String.join("\n",
        "SELECT @covered = N'the backups of this database cover '"
            + " + ISNULL(CONVERT(nvarchar(19), MIN(CASE WHEN s.type = 'D' THEN s.backup_finish_date"
            + " END), 126), N'nothing (no full backup)') + N' to '"
            + " + ISNULL(CONVERT(nvarchar(19), MAX(s.backup_finish_date), 126), N'-')"
            + " + N' (server time)' " + chain + ";",
        "-- The full backup.",
        "SELECT TOP (1) @file = f.physical_device_name, @checkpoint = s.checkpoint_lsn,"
            + " @last = s.last_lsn, @finish = s.backup_finish_date " + chain
            + " AND s.type = 'D' AND (RIGHT(f.physical_device_name, LEN(@from) + 1) = N'/' + @from"
            + " OR @from IS NULL"
            + " AND (@stopAt IS NULL OR s.backup_finish_date <= @stopAt))"
            + " ORDER BY s.backup_finish_date DESC;",
        "IF @file IS NULL",
        "BEGIN",
        "  SET @message = N'sqledge: no full backup to start from: ' + @covered;",
        "  THROW 50001, @message, 1;",
        "END;",
        "INSERT INTO @steps (kind, file_name) VALUES (N'full', @file);",
        "SET @end = @finish;",
        "-- The newest differential of that full backup, finished by the time.",
        "SET @file = NULL;",
        "SELECT TOP (1) @file = f.physical_device_name, @last = s.last_lsn,"
            + " @finish = s.backup_finish_date " + chain + " AND s.type = 'I'"
            + " AND s.database_backup_lsn = @checkpoint"
            + " AND (@stopAt IS NULL OR s.backup_finish_date <= @stopAt)"
            + " ORDER BY s.backup_finish_date DESC;",
        "IF @file IS NOT NULL",
        "BEGIN",
        "  INSERT INTO @steps (kind, file_name) VALUES (N'differential', @file);",
        "  SET @end = @finish;",
        "END;",
        "-- The log backups after them, each starting where the one before ended.",
        "DECLARE logs CURSOR LOCAL FAST_FORWARD FOR SELECT f.physical_device_name, s.first_lsn,"
            + " s.last_lsn, s.backup_finish_date " + chain + " AND s.type = 'L'"
            + " AND s.last_lsn > @last ORDER BY s.first_lsn;",
        "OPEN logs;",
        "FETCH NEXT FROM logs INTO @file, @first, @logLast, @finish;",
        "WHILE @@FETCH_STATUS = 0 AND (@stopAt IS NULL OR @finish IS NOT NULL)",
        "BEGIN",
        "  IF @first > @last",
        "  BEGIN",
        "    SET @message = N'sqledge: the log chain is broken before ' + @file + N'; ' + @covered;",
        "    THROW 50003, @message, 1;",
        "  END;",
        "  INSERT INTO @steps (kind, file_name) VALUES (N'log', @file);",
        "  SET @last = @logLast;",
        "  SET @end = @finish;",
        "  IF @stopAt IS NOT NULL AND @finish >= @stopAt",
        "    SET @finish = NULL;",
        "  ELSE",
        "    FETCH NEXT FROM logs INTO @file, @first, @logLast, @finish;",
        "END;",
        "CLOSE logs;",
        "DEALLOCATE logs;",
        "IF @stopAt IS NOT NULL AND @finish IS NOT NULL",
        "BEGIN",
        "  SET @message = N'sqledge: the point in time is after the last backup: ' + @covered;",
        "  THROW 50004, @message, 1;",
        "END;");
  }

  /** The steps restored in order, then the database recovered; an existing one only with replace. */
  private static String apply() {
    return String.join("\n",
        "IF DB_ID(@database) IS NOT NULL AND @replace = 0",
        "  THROW 50002, N'sqledge: the database exists; -Dsqledge.restore.replace=true overwrites"
            + " it', 1;",
        "-- A restore cannot start while others use the database.",
        "IF DB_ID(@database) IS NOT NULL",
        "BEGIN",
        "  SET @sql = N'ALTER DATABASE ' + QUOTENAME(@database)"
            + " + N' SET SINGLE_USER WITH ROLLBACK IMMEDIATE;';",
        "  EXEC (@sql);",
        "END;",
        "DECLARE @kind nvarchar(12);",
        "DECLARE steps CURSOR LOCAL FAST_FORWARD FOR SELECT kind, file_name FROM @steps"
            + " ORDER BY step;",
        "OPEN steps;",
        "FETCH NEXT FROM steps INTO @kind, @file;",
        "WHILE @@FETCH_STATUS = 0",
        "BEGIN",
        "  -- A path is a file on the backup claim; anything else a URL (s3://, https://).",
        "  SET @sql = CASE WHEN LEFT(@file, 1) <> N'/'"
            + " THEN CASE @kind WHEN N'log' THEN " + restore("LOG", "URL")
            + " ELSE " + restore("DATABASE", "URL") + " END"
            + " ELSE CASE @kind WHEN N'log' THEN " + restore("LOG", "DISK")
            + " ELSE " + restore("DATABASE", "DISK") + " END END"
            + " + CASE WHEN @kind = N'full' AND @replace = 1 THEN N', REPLACE' ELSE N'' END"
            + " + CASE WHEN @kind = N'log' AND @stopAt IS NOT NULL THEN N', STOPAT = @stopAt'"
            + " ELSE N'' END + N';';",
        "  EXEC sp_executesql @sql, N'@database sysname, @file nvarchar(4000), @stopAt datetime2(0)',"
            + " @database = @database, @file = @file, @stopAt = @stopAt;",
        "  PRINT N'sqledge: applied ' + @file;",
        "  FETCH NEXT FROM steps INTO @kind, @file;",
        "END;",
        "CLOSE steps;",
        "DEALLOCATE steps;",
        "RESTORE DATABASE @database WITH RECOVERY;",
        "PRINT " + Tsql.literal(RESTORED) + " + ISNULL(CONVERT(nvarchar(19), @stopAt, 126),"
            + " N'the end of the last backup') + N' (server time)';");
  }
}
