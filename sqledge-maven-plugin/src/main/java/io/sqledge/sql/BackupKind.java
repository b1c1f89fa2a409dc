package io.sqledge.sql;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The kinds of backup, each with its CronJob and its script. */
public enum BackupKind {
  /** The whole database: the base of every chain. */
  FULL,
  /** What changed since the last full backup. */
  DIFFERENTIAL,
  /** The transaction log since the last log backup: what a restore to a point in time replays. */
  LOG;

  /** The kind's word in keys, names and files: {@code full}, {@code differential}, {@code log}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind a word names, as keys, goals and file names write it. */
  public static Optional<BackupKind> of(String word) {
    return Arrays.stream(values()).filter(kind -> kind.word().equals(word)).findFirst();
  }
}
