package io.sqledge.config;

/**
 * The backups' own PersistentVolumeClaim, mounted in the database pod at
 * {@code /var/opt/mssql/backup}: SQL Server writes {@code BACKUP … TO DISK} on its own file
 * system.
 */
public record BackupClaimConfig(
    @Key(value = "", doc = "The claim's name. Empty: `<name>-backup`.")
    String name,
    @Key(value = "16Gi", doc = "Its capacity, a Kubernetes quantity: room for the full backups"
        + " of `backup.retentionDays` plus a week, and what the others add.")
    String size,
    @Key(value = "", doc = "Its StorageClass. Empty: the data's (`storage.className`).")
    String className) {}
