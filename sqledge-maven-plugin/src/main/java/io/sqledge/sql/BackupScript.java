package io.sqledge.sql;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The T-SQL script a backup job sends through sqlcmd for one kind of backup.
 *
 * <p>The script loops over the databases in SQL Server itself, so that "every user database"
 * means the ones that exist when the job runs. Names never enter a statement as text: the name
 * and the file go to {@code BACKUP} and {@code RESTORE} as variables, which both take ("BACKUP
 * (Transact-SQL)": {@code { database_name | @database_name_var }} and
 * {@code DISK = { 'physical_backup_device_name' | @physical_backup_device_name_var }}); the only
 * text of the user's in a script is a listed database name, as a {@link Tsql#literal}.
 *
 * <p>What it does, per database, in name order (documented in docs/backups.md):
 * <ul>
 *   <li>{@code engine.recoveryModel} set on {@code model} first, so that the databases made from
 *       now on get it ("model Database": a new database copies model's settings);
 *   <li>a differential or log backup of a database that has no full backup to build on
 *       ({@code sys.master_files.differential_base_lsn} is NULL) takes a full one instead, which
 *       starts its chain; {@code master} takes full backups only, and a database in the SIMPLE
 *       recovery model no log backups ("Recovery models (SQL Server)"), so those are skipped
 *       with a line that says so;
 *   <li>{@code CHECKSUM}, {@code FORMAT, INIT} (one file is one backup; {@code FORMAT} alone to a
 *       URL, with the store's options), and {@code COMPRESSION}
 *       on the editions that have it (Standard, Enterprise and Developer: {@code EngineEdition} 2
 *       or 3; not Express, 4);
 *   <li>{@code RESTORE VERIFYONLY … WITH CHECKSUM} after each full backup;
 *   <li>a failure is caught, the other databases are still backed up, and the script ends with an
 *       error (severity 16) that names each failed database, which makes {@code sqlcmd -b} and
 *       the job fail.
 * </ul>
 * Each file written is reported on a line {@code sqledge: wrote <file>}.
 */
public final class BackupScript {

  /** The start of the line that reports a file written; the goals read the job's log for it. */
  public static final String WROTE = "sqledge: wrote ";

  private BackupScript() {}

  /**
   * The script for {@code kind}, writing to the backup claim.
   *
   * @param databases the databases to back up; empty for every user database
   * @param recoveryModel {@code FULL} or {@code SIMPLE}, for the databases made from now on
   */
  public static String of(BackupKind kind, List<String> databases, String recoveryModel) {
    return of(kind, databases, recoveryModel, Optional.empty());
  }

  /**
   * The script for {@code kind}, writing to the backup claim or, with {@code url}, to the object
   * store under that prefix ({@code TO URL}, and {@code FORMAT} to overwrite, without {@code INIT},
   * which neither S3 nor Azure Blob storage takes: "SQL Server back up to URL for S3-compatible
   * object storage", "SQL Server back up to URL for Microsoft Azure Blob Storage"), with the
   * store's own options ({@link BackupStore#backupOptions}).
   */
  public static String of(BackupKind kind, List<String> databases, String recoveryModel,
      Optional<String> url) {
    Optional<BackupStore> store = url.map(u -> BackupStore.of(u).orElseThrow(
        () -> new IllegalArgumentException("a backup URL starts with s3:// or https://")));
    String device = store.isPresent() ? "URL" : "DISK";
    String options = store.map(s -> "CHECKSUM, FORMAT" + s.backupOptions())
        .orElse("CHECKSUM, FORMAT, INIT");
    String model = recoveryModel.toUpperCase(Locale.ROOT);
    if (!model.equals("FULL") && !model.equals("SIMPLE")) {
      throw new IllegalArgumentException("a recovery model is FULL or SIMPLE");
    }
    String label = "N'%[^A-Za-z0-9._-]%'";
    String labelCollated = "@label COLLATE Latin1_General_BIN2";
    return String.join("\n",
        "-- sqledge-maven-plugin: the " + kind.word() + " backup of "
            + (databases.isEmpty() ? "every user database." : "the databases of backup.databases."),
        "-- Run by the backup job: sqlcmd -b -i <this file>. See docs/backups.md.",
        "SET NOCOUNT ON;",
        "IF EXISTS (SELECT 1 FROM sys.databases WHERE name = N'model' AND recovery_model_desc <> "
            + Tsql.literal(model) + ")",
        "  ALTER DATABASE " + Tsql.quoteName("model") + " SET RECOVERY " + model + ";",
        "DECLARE @now datetime2(0) = SYSUTCDATETIME();",
        "DECLARE @time nvarchar(16) = CONVERT(nchar(8), @now, 112) + N'T'"
            + " + REPLACE(CONVERT(nchar(8), @now, 108), N':', N'') + N'Z';",
        "DECLARE @compression nvarchar(20) = CASE WHEN CAST(SERVERPROPERTY('EngineEdition') AS int)"
            + " IN (2, 3) THEN N', COMPRESSION' ELSE N'' END;",
        "DECLARE @databases TABLE (name sysname NOT NULL PRIMARY KEY);",
        databases.isEmpty()
            ? "INSERT INTO @databases (name) SELECT name FROM sys.databases"
                + " WHERE database_id > 4 AND state_desc = N'ONLINE' AND source_database_id IS NULL;"
            : "INSERT INTO @databases (name) VALUES "
                + databases.stream().map(name -> "(" + Tsql.literal(name) + ")")
                    .collect(Collectors.joining(", ")) + ";",
        "DECLARE @name sysname, @kind nvarchar(12), @label nvarchar(64), @file nvarchar(4000),"
            + " @sql nvarchar(400), @failed nvarchar(2000) = N'';",
        "DECLARE databases CURSOR LOCAL FAST_FORWARD FOR SELECT name FROM @databases ORDER BY name;",
        "OPEN databases;",
        "FETCH NEXT FROM databases INTO @name;",
        "WHILE @@FETCH_STATUS = 0",
        "BEGIN",
        "  SET @label = LEFT(@name, " + BackupFiles.LABEL_LENGTH + ");",
        "  WHILE PATINDEX(" + label + ", " + labelCollated + ") > 0",
        "    SET @label = STUFF(@label, PATINDEX(" + label + ", " + labelCollated + "), 1, N'-');",
        "  BEGIN TRY",
        "    IF DB_ID(@name) IS NULL",
        "      RAISERROR(N'there is no such database', 16, 1);",
        "    SET @kind = " + Tsql.literal(kind.word()) + ";",
        chooseKind(kind),
        "    IF @kind = N'skip'",
        "      PRINT N'sqledge: skipped ' + @label + " + Tsql.literal(": " + skipReason(kind)) + ";",
        "    ELSE",
        "    BEGIN",
        "      SET @file = " + Tsql.literal(url.orElse(BackupFiles.DIRECTORY) + "/")
            + " + @time + N'_' + @kind + N'_'"
            + " + CONVERT(nvarchar(10), DB_ID(@name)) + N'_' + @label + N'.bak';",
        "      SET @sql = CASE @kind"
            + " WHEN N'full' THEN N'BACKUP DATABASE @name TO " + device + " = @file WITH "
            + options + "'"
            + " WHEN N'differential' THEN N'BACKUP DATABASE @name TO " + device + " = @file"
            + " WITH DIFFERENTIAL, " + options + "'"
            + " ELSE N'BACKUP LOG @name TO " + device + " = @file WITH " + options + "' END"
            + " + @compression + N';';",
        "      EXEC sp_executesql @sql, N'@name sysname, @file nvarchar(4000)', @name = @name,"
            + " @file = @file;",
        "      IF @kind = N'full'",
        "        RESTORE VERIFYONLY FROM " + device + " = @file WITH CHECKSUM;",
        "      PRINT " + Tsql.literal(WROTE) + " + @file;",
        "    END",
        "  END TRY",
        "  BEGIN CATCH",
        "    SET @failed = LEFT(@failed + N' ' + @label + N' (' + ERROR_MESSAGE() + N')', 2000);",
        "    PRINT N'sqledge: failed ' + @label + N': ' + ERROR_MESSAGE();",
        "  END CATCH;",
        "  FETCH NEXT FROM databases INTO @name;",
        "END;",
        "CLOSE databases;",
        "DEALLOCATE databases;",
        "IF @failed <> N''",
        "  RAISERROR(N'sqledge: the " + kind.word() + " backup failed for:%s', 16, 1, @failed);",
        "");
  }

  /** The T-SQL that turns {@code @kind} into the backup this database can take. */
  private static String chooseKind(BackupKind kind) {
    String noBase = "(SELECT differential_base_lsn FROM sys.master_files"
        + " WHERE database_id = DB_ID(@name) AND file_id = 1) IS NULL";
    return switch (kind) {
      case FULL -> "    -- A full backup needs nothing before it.";
      case DIFFERENTIAL -> String.join("\n",
          "    IF @name = N'master'",
          "      SET @kind = N'skip';",
          "    ELSE IF " + noBase,
          "      SET @kind = N'full';");
      case LOG -> String.join("\n",
          "    IF @name = N'master' OR (SELECT recovery_model_desc FROM sys.databases"
              + " WHERE name = @name) = N'SIMPLE'",
          "      SET @kind = N'skip';",
          "    ELSE IF " + noBase,
          "      SET @kind = N'full';");
    };
  }

  private static String skipReason(BackupKind kind) {
    return switch (kind) {
      case FULL -> "never skipped";
      case DIFFERENTIAL -> "master takes full backups only";
      case LOG -> "master, and a database in the SIMPLE recovery model, take no log backups";
    };
  }
}
