package io.sqledge.sql;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The object stores SQL Server backs up to with {@code BACKUP … TO URL}, told apart by the URL's
 * scheme as SQL Server tells them apart: {@code s3://} is the S3 connector ("SQL Server back up to
 * URL for S3-compatible object storage", SQL Server 2022 and later), {@code https://} is Azure
 * Blob storage ("SQL Server back up to URL for Microsoft Azure Blob Storage"; "Back up and restore
 * databases in Azure SQL Edge"). Each has its credential's identity, the Secret keys its job reads,
 * and the options its blobs need.
 */
public enum BackupStore {
  /**
   * S3-compatible storage. The credential's secret is {@code <access key id>:<secret access key>}.
   */
  S3("s3://", "S3 Access Key", ""),
  /**
   * Azure Blob storage, written as block blobs through a shared access signature (SAS) credential.
   * {@code MAXTRANSFERSIZE = 4194304, BLOCKSIZE = 65536} as Microsoft's examples write it: a block
   * blob holds 50,000 blocks, so 4 MB blocks let one backup grow to about 195 GB rather than the
   * default's 48 GB ("SQL Server back up to URL for Microsoft Azure Blob Storage", Limitations).
   */
  AZURE_BLOB("https://", "SHARED ACCESS SIGNATURE", ", MAXTRANSFERSIZE = 4194304, BLOCKSIZE = 65536");

  private final String scheme;
  private final String identity;
  private final String options;

  BackupStore(String scheme, String identity, String options) {
    this.scheme = scheme;
    this.identity = identity;
    this.options = options;
  }

  /** The store a backup URL names, by its scheme; empty for a URL SQL Server cannot write. */
  public static Optional<BackupStore> of(String url) {
    return Arrays.stream(values()).filter(store -> url.startsWith(store.scheme)).findFirst();
  }

  /** The store's word for the jobs ({@code SQLEDGE_BACKUP_TARGET}): {@code s3}, {@code azure-blob}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The credential's {@code IDENTITY}, as "CREATE CREDENTIAL (Transact-SQL)" gives it. */
  public String identity() {
    return identity;
  }

  /** What {@code BACKUP … TO URL} adds for this store, after its other options. */
  public String backupOptions() {
    return options;
  }

  /**
   * The credential's name: the URL up to its bucket or container ({@code s3://host/bucket},
   * {@code https://account.blob.core.windows.net/container}). SQL Server finds the credential of a
   * backup URL by this prefix, so one credential serves every file under it.
   */
  public String credentialName(String url) {
    String rest = url.substring(scheme.length());
    int host = rest.indexOf('/');
    int container = host < 0 ? -1 : rest.indexOf('/', host + 1);
    return container < 0 ? url : scheme + rest.substring(0, container);
  }
}
