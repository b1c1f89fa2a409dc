package io.sqledge.sql;

/**
 * The T-SQL that gives SQL Server the credential of the object store it backs up to, as "CREATE
 * CREDENTIAL (Transact-SQL)" documents it, named after the bucket or container
 * ({@link BackupStore#credentialName}) with the store's identity: {@code S3 Access Key} and the
 * secret {@code <access key id>:<secret access key>} ("SQL Server back up to URL for
 * S3-compatible object storage"), or {@code SHARED ACCESS SIGNATURE} and the SAS token without its
 * leading {@code ?} ("SQL Server back up to URL for Microsoft Azure Blob Storage"). Altered when it
 * exists, so a rotated key or token takes effect at the next job.
 *
 * <p>The secret is not known when the manifests are made: the script holds {@link #SECRET_TOKEN}
 * in its place, which the job's script replaces with the secret from the Secret once it checked
 * that it holds no character that could leave the literal.
 */
public final class CredentialScript {

  /** What backup.sh replaces with the store's secret. */
  public static final String SECRET_TOKEN = "SQLEDGE_CREDENTIAL_SECRET";

  private CredentialScript() {}

  /** The script for a backup URL of {@code store}. */
  public static String of(BackupStore store, String url) {
    String name = store.credentialName(url);
    String with = " WITH IDENTITY = " + Tsql.literal(store.identity()) + ", SECRET = N'"
        + SECRET_TOKEN + "';";
    return String.join("\n",
        "-- sqledge-maven-plugin: the credential of the backups' "
            + (store == BackupStore.S3 ? "bucket" : "container") + ". See docs/backups.md.",
        "SET NOCOUNT ON;",
        "IF EXISTS (SELECT 1 FROM sys.credentials WHERE name = " + Tsql.literal(name) + ")",
        "  ALTER CREDENTIAL " + Tsql.quoteName(name) + with,
        "ELSE",
        "  CREATE CREDENTIAL " + Tsql.quoteName(name) + with,
        "");
  }
}
