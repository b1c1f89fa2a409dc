package io.sqledge.sql;

import java.util.List;

/**
 * The queries behind the instance's metrics: what the exporter asks SQL Server at each scrape, and
 * what each answer becomes in Prometheus. They read only system views and msdb's backup history,
 * never user data, and each names its permission, from the views' reference pages: {@code VIEW
 * SERVER STATE} for the dynamic management views, {@code VIEW ANY DEFINITION} for {@code
 * sys.master_files}, and a user in msdb with {@code SELECT} on {@code dbo.backupset}. See
 * docs/monitoring.md.
 *
 * <p>They answer the questions a database on Kubernetes is run by: is it up and for how long, is a
 * database not online, how large are its files, is the disk under them filling, is a transaction
 * log filling, how long since each kind of backup, how many sessions, how much work.
 */
public final class MetricQueries {

  /** A Prometheus metric's kind. */
  public enum Kind { GAUGE, COUNTER }

  /**
   * One metric and its query.
   *
   * @param name the metric's name, {@code mssql_…}
   * @param kind gauge or counter
   * @param help what it measures, as Prometheus shows it
   * @param keyLabels the columns that become labels, each a row's identity
   * @param values the value columns; more than one are told apart by {@code valueLabel}
   * @param valueLabel the label that names the value column, with several values
   * @param query the T-SQL: a single SELECT
   */
  public record Metric(String name, Kind kind, String help, List<String> keyLabels,
      List<String> values, String valueLabel, String query) {}

  private MetricQueries() {}

  /** Every metric, in the order the exporter runs them. */
  public static final List<Metric> ALL = List.of(
      new Metric("mssql_uptime_seconds", Kind.GAUGE,
          "Seconds since SQL Server started (sys.dm_os_sys_info).", List.of(),
          List.of("uptime"), "",
          "SELECT DATEDIFF(second, sqlserver_start_time, SYSDATETIME()) AS uptime"
              + " FROM sys.dm_os_sys_info"),
      new Metric("mssql_database_state", Kind.GAUGE,
          "State of each database: 0 ONLINE, 1 RESTORING, 2 RECOVERING, 3 RECOVERY_PENDING,"
              + " 4 SUSPECT, 5 EMERGENCY, 6 OFFLINE (sys.databases).", List.of("database"),
          List.of("state"), "",
          "SELECT name AS [database], CAST(state AS int) AS state FROM sys.databases"),
      new Metric("mssql_database_file_bytes", Kind.GAUGE,
          "Size of each database's data and log files, in bytes (sys.master_files).",
          List.of("database", "file_type"), List.of("bytes"), "",
          "SELECT DB_NAME(database_id) AS [database], type_desc AS file_type,"
              + " SUM(CAST(size AS bigint)) * 8192 AS bytes FROM sys.master_files"
              + " GROUP BY database_id, type_desc"),
      new Metric("mssql_volume_bytes", Kind.GAUGE,
          "Total and available bytes of each volume that holds database files"
              + " (sys.dm_os_volume_stats).", List.of("volume"), List.of("total", "available"),
          "kind",
          "SELECT DISTINCT vs.volume_mount_point AS volume, vs.total_bytes AS total,"
              + " vs.available_bytes AS available FROM sys.master_files AS f"
              + " CROSS APPLY sys.dm_os_volume_stats(f.database_id, f.file_id) AS vs"),
      new Metric("mssql_log_used_ratio", Kind.GAUGE,
          "Share of each database's transaction log in use, 0 to 1 (the Databases object's"
              + " Percent Log Used counter).", List.of("database"), List.of("used"), "",
          "SELECT RTRIM(instance_name) AS [database], cntr_value / 100.0 AS used"
              + " FROM sys.dm_os_performance_counters WHERE counter_name = N'Percent Log Used'"
              + " AND instance_name NOT IN (N'_Total', N'mssqlsystemresource')"),
      new Metric("mssql_last_backup_age_seconds", Kind.GAUGE,
          "Seconds since the newest backup of each kind finished, per database (msdb's"
              + " backupset); a database never backed up has no series.",
          List.of("database", "type"), List.of("age"), "",
          "SELECT b.database_name AS [database], CASE b.type WHEN 'D' THEN N'full'"
              + " WHEN 'I' THEN N'differential' WHEN 'L' THEN N'log' END AS type,"
              + " DATEDIFF(second, MAX(b.backup_finish_date), GETDATE()) AS age"
              + " FROM msdb.dbo.backupset AS b WHERE b.type IN ('D', 'I', 'L')"
              + " GROUP BY b.database_name, b.type"),
      new Metric("mssql_user_sessions", Kind.GAUGE,
          "User sessions connected (sys.dm_exec_sessions).", List.of(), List.of("sessions"), "",
          "SELECT COUNT(*) AS sessions FROM sys.dm_exec_sessions WHERE is_user_process = 1"),
      new Metric("mssql_batch_requests_total", Kind.COUNTER,
          "Batches received since SQL Server started (the SQL Statistics object's Batch"
              + " Requests/sec counter, which counts up).", List.of(), List.of("batches"), "",
          "SELECT cntr_value AS batches FROM sys.dm_os_performance_counters"
              + " WHERE counter_name = N'Batch Requests/sec'"));
}
