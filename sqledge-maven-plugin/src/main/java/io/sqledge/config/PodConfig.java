package io.sqledge.config;

/**
 * Pod-level settings.
 *
 * @param fsGroup the group that owns the mounted volume, so the non-root {@code mssql} user (uid
 *     10001) can write its files
 */
public record PodConfig(long fsGroup) {}
