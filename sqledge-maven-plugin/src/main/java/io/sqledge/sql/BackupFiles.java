package io.sqledge.sql;

import java.util.regex.Pattern;

/**
 * Where backups are written on the claim target and how their files are named: one decision
 * shared by the backup scripts, the jobs' retention and (from their names alone) a restore.
 *
 * <p>{@code <UTC time>_<kind>_<database id>_<label>.bak}, for example
 * {@code 20261207T051200Z_full_5_sales.bak}. The time sorts as text; the database id keeps the
 * chains of two databases apart, whatever their names; the label is the name's first 64
 * characters with anything but {@code A-Z a-z 0-9 . _ -} made {@code -}, for people only (the
 * backup's header holds the real name). So a file name never holds a space, a quote or a line
 * break, and shell tools can read a listing line by line.
 */
public final class BackupFiles {

  /** The backup claim's mount point in the database pod (and in the backup jobs' pods). */
  public static final String DIRECTORY = "/var/opt/mssql/backup";

  /** How long the label may be. */
  static final int LABEL_LENGTH = 64;

  /** A backup file's name, as the scripts write it and retention reads it. */
  public static final Pattern NAME = Pattern.compile(
      "(?<time>[0-9]{8}T[0-9]{6}Z)_(?<kind>full|differential|log)_(?<database>[0-9]+)"
          + "_(?<label>[A-Za-z0-9._-]{1," + LABEL_LENGTH + "})\\.bak");

  private BackupFiles() {}

  /** Whether {@code name} is a full backup's file name, as a restore may start from. */
  public static boolean isFull(String name) {
    var matcher = NAME.matcher(name);
    return matcher.matches() && matcher.group("kind").equals(BackupKind.FULL.word());
  }
}
