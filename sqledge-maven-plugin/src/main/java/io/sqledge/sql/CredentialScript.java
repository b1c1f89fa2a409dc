package io.sqledge.sql;

/**
 * The T-SQL that gives SQL Server the credential of an S3-compatible bucket, as "CREATE
 * CREDENTIAL (Transact-SQL)" and "SQL Server back up to URL for S3-compatible object storage"
 * document it: named after the bucket's URL ({@code s3://<host>[:port]/<bucket>}), identity
 * {@code S3 Access Key}, secret {@code <access key id>:<secret access key>}; altered when it
 * exists, so a rotated key takes effect at the next job.
 *
 * <p>The secret is not known when the manifests are made: the script holds {@link #SECRET_TOKEN}
 * in its place, which the job's script replaces with the two keys from the Secret once it checked
 * that they hold no character that could leave the literal.
 */
public final class CredentialScript {

  /** What backup.sh replaces with {@code <accessKeyId>:<secretAccessKey>}. */
  public static final String SECRET_TOKEN = "SQLEDGE_S3_SECRET";

  private CredentialScript() {}

  /**
   * The credential's name for a backup URL: the URL up to its bucket, which prefixes every backup
   * URL under it.
   */
  public static String credentialName(String url) {
    String rest = url.substring("s3://".length());
    int host = rest.indexOf('/');
    int bucket = rest.indexOf('/', host + 1);
    return bucket < 0 ? url : "s3://" + rest.substring(0, bucket);
  }

  public static String of(String url) {
    String name = credentialName(url);
    String with = " WITH IDENTITY = N'S3 Access Key', SECRET = N'" + SECRET_TOKEN + "';";
    return String.join("\n",
        "-- sqledge-maven-plugin: the bucket's credential. See docs/backups.md.",
        "SET NOCOUNT ON;",
        "IF EXISTS (SELECT 1 FROM sys.credentials WHERE name = " + Tsql.literal(name) + ")",
        "  ALTER CREDENTIAL " + Tsql.quoteName(name) + with,
        "ELSE",
        "  CREATE CREDENTIAL " + Tsql.quoteName(name) + with,
        "");
  }
}
