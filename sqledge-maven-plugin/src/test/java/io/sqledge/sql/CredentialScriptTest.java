package io.sqledge.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqledge.sql.TsqlTokens.Token;
import io.sqledge.sql.TsqlTokens.Type;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The object store's credential, and the backups to a URL, held by the T-SQL lexer to "CREATE
 * CREDENTIAL (Transact-SQL)", "ALTER CREDENTIAL (Transact-SQL)", "SQL Server back up to URL for
 * S3-compatible object storage" and "SQL Server back up to URL for Microsoft Azure Blob Storage".
 * Checked against the documentation only.
 */
class CredentialScriptTest {

  private static final String URL = "s3://minio.storage:9000/shop-backups/db/eu";

  @Test
  void theCredentialIsNamedAfterTheBucketAndCreatedOrAltered() {
    assertEquals("s3://minio.storage:9000/shop-backups", BackupStore.S3.credentialName(URL));
    assertEquals("s3://host/bucket", BackupStore.S3.credentialName("s3://host/bucket"));
    String shape = String.join(" ", TsqlTokens.shape(TsqlTokens.of(
        CredentialScript.of(BackupStore.S3, URL))));
    // CREATE CREDENTIAL credential_name WITH IDENTITY = 'identity_name' , SECRET = 'secret'
    assertTrue(shape.contains("ALTER CREDENTIAL […] WITH IDENTITY = '…' , SECRET = '…' ; ELSE"
        + " CREATE CREDENTIAL […] WITH IDENTITY = '…' , SECRET = '…' ;"), shape);
    List<Token> tokens = TsqlTokens.of(CredentialScript.of(BackupStore.S3, URL));
    assertTrue(tokens.stream().filter(t -> t.type() == Type.NAME)
        .allMatch(t -> t.value().equals("s3://minio.storage:9000/shop-backups")));
    assertEquals(2, tokens.stream().filter(t -> t.value().equals("S3 Access Key")).count());
    assertEquals(2, tokens.stream()
        .filter(t -> t.value().equals(CredentialScript.SECRET_TOKEN)).count(),
        "the secret is put in by the job, never by the build");
  }

  @Test
  void backupsToAUrlUseUrlAndFormatWithoutInit() {
    List<Token> tokens = TsqlTokens.of(BackupScript.of(BackupKind.FULL, List.of(), "FULL",
        Optional.of(URL)));
    for (Token token : tokens) {
      if (token.type() == Type.TEXT && token.value().startsWith("BACKUP ")) {
        List<String> shape = TsqlTokens.shape(TsqlTokens.of(token.value()));
        assertEquals(List.of("TO", "URL", "=", "@file", "WITH"), shape.subList(3, 8));
        assertTrue(shape.contains("FORMAT") && !shape.contains("INIT"), shape.toString());
      }
    }
    String shape = String.join(" ", TsqlTokens.shape(tokens));
    assertTrue(shape.contains("RESTORE VERIFYONLY FROM URL = @file WITH CHECKSUM"), shape);
    assertTrue(tokens.stream().anyMatch(t -> t.type() == Type.TEXT
        && t.value().equals(URL + "/")), "the files go under the URL");
  }

  @Test
  void aContainerHasASharedAccessSignatureCredentialNamedAfterIt() {
    String url = "https://shop.blob.core.windows.net/backups/eu/db";
    assertEquals(Optional.of(BackupStore.AZURE_BLOB), BackupStore.of(url));
    assertEquals(Optional.of(BackupStore.S3), BackupStore.of(URL));
    assertEquals(Optional.empty(), BackupStore.of("http://shop.blob.core.windows.net/b"));
    assertEquals("https://shop.blob.core.windows.net/backups",
        BackupStore.AZURE_BLOB.credentialName(url));
    List<Token> tokens = TsqlTokens.of(CredentialScript.of(BackupStore.AZURE_BLOB, url));
    // CREATE CREDENTIAL [https://<account>.blob.core.windows.net/<container>]
    //   WITH IDENTITY = 'SHARED ACCESS SIGNATURE', SECRET = '<SAS token>'
    assertTrue(tokens.stream().filter(t -> t.type() == Type.NAME)
        .allMatch(t -> t.value().equals("https://shop.blob.core.windows.net/backups")));
    assertEquals(2, tokens.stream().filter(t -> t.value().equals("SHARED ACCESS SIGNATURE"))
        .count());
    assertEquals("azure-blob", BackupStore.AZURE_BLOB.word());
  }

  @Test
  void backupsToAContainerAreBlockBlobsOfFourMegabyteTransfers() {
    String url = "https://shop.blob.core.windows.net/backups";
    for (BackupKind kind : BackupKind.values()) {
      for (Token token : TsqlTokens.of(BackupScript.of(kind, List.of(), "FULL",
          Optional.of(url)))) {
        if (token.type() == Type.TEXT && token.value().startsWith("BACKUP ")) {
          String shape = String.join(" ", TsqlTokens.shape(TsqlTokens.of(token.value())));
          // Each kind's script holds all three statements, chosen per database.
          assertTrue(shape.matches("BACKUP (DATABASE|LOG) @name TO URL = @file WITH"
              + " (DIFFERENTIAL , )?CHECKSUM , FORMAT , MAXTRANSFERSIZE = 4194304 ,"
              + " BLOCKSIZE = 65536"), shape);
        }
      }
    }
  }
}
