package io.sqledge.config;

/**
 * Pod-level settings.
 *
 * @param fsGroup the group that owns the mounted volume, so the non-root {@code mssql} user (uid
 *     10001) can write its files
 * @param terminationGracePeriodSeconds how long SQL Server has to shut down cleanly (checkpoint,
 *     close the files) before it is killed
 */
public record PodConfig(long fsGroup, long terminationGracePeriodSeconds) {}
