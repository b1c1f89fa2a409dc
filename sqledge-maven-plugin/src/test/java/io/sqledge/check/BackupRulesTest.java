package io.sqledge.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.sqledge.TestConfigs;
import io.sqledge.TestManifests;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.Problems;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** backup.*: each refusal, at the line to fix. */
class BackupRulesTest {

  private static final String SQL_SERVER = "engine:\n  image: mcr.microsoft.com/mssql/server:"
      + "2022-CU16-ubuntu-22.04\n";

  @TempDir Path dir;

  private Problems check(String yaml) {
    return TestConfigs.problems(dir, yaml, Map.of());
  }

  private Problem onlyError(String yaml) {
    List<Problem> errors = check(yaml).errors();
    assertEquals(1, errors.size(), errors::toString);
    return errors.get(0);
  }

  @Test
  void aFullSetupHasNothingToSay() {
    Problems problems = check(SQL_SERVER + """
        backup:
          full: "0 0 * * 0"
          differential: "0 */12 * * *"
          log: "*/5 * * * *"
          timeZone: Europe/Berlin
          databases: [sales, "it's"]
        """);
    assertEquals(List.of(), problems.errors());
    assertEquals(List.of(), backupWarnings(problems));
  }

  private static List<Problem> backupWarnings(Problems problems) {
    return problems.warnings().stream().filter(w -> w.path().startsWith("backup")).toList();
  }

  @Test
  void aBackupSectionWithoutASchedule() {
    Problem error = onlyError(SQL_SERVER + "backup:\n  retentionDays: 14\n");
    assertEquals("backup", error.path());
    assertTrue(error.message().contains("none of `backup.full`"), error::render);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "0 0 * *|has 4 fields",
      "0 0 * * * *|has 6 fields",
      "60 0 * * *|minute field `60` that ends above 59",
      "0 24 * * *|hour field `24` that ends above 23",
      "0 0 0 * *|day of month field `0` that starts below 1",
      "0 0 * 13 *|month field `13` that ends above 12",
      "0 0 * * 7|day of week field `7` that ends above 6",
      "0 0 * * MON-SUNDAY|is not a number or a name",
      "*/0 * * * *|has a step of 0",
      "5-1 * * * *|starts after it ends",
      "1-2-3 * * * *|too many hyphens",
      "*/5/2 * * * *|too many slashes",
      "@fortnightly|is not a descriptor",
      "@every 5 minutes|`@every` duration",
      "CRON_TZ=UTC 0 0 * * *|`backup.timeZone` does"})
  void aScheduleKubernetesRefuses(String schedule, String expected) {
    Problem error = onlyError(SQL_SERVER + "backup:\n  full: \"" + schedule + "\"\n");
    assertEquals("backup.full", error.path());
    assertEquals("sqledge.yaml:4:9", error.origin().toString());
    assertTrue(error.message().contains(expected), error::render);
  }

  @ParameterizedTest
  @CsvSource({"Mars/Olympus", "Local", "../etc/passwd", "-03"})
  void aTimeZoneKubernetesRefuses(String zone) {
    Problem error = onlyError(SQL_SERVER + "backup:\n  full: '@weekly'\n  timeZone: '" + zone
        + "'\n");
    assertEquals("backup.timeZone", error.path());
  }

  @Test
  void logBackupsNeedTheFullRecoveryModel() {
    Problem error = onlyError(SQL_SERVER + """
          recoveryModel: SIMPLE
        backup:
          full: '@weekly'
          log: '*/5 * * * *'
        """);
    assertEquals("backup.log", error.path());
    assertTrue(error.message().contains("SIMPLE"), error::render);
  }

  @Test
  void withoutFullBackupsRetentionCanDeleteNothingAndSaysSo() {
    Problems problems = check(SQL_SERVER + "backup:\n  log: '*/5 * * * *'\n");
    assertEquals(List.of(), problems.errors());
    assertEquals(1, backupWarnings(problems).size());
    assertEquals("backup.log", backupWarnings(problems).get(0).path());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "['']|backup.databases[0]|is not a database name",
      "[tempdb]|backup.databases[0]|`tempdb` cannot be backed up",
      "[sales, Sales]|backup.databases[1]|is listed twice",
      "[\"a\\nb\"]|backup.databases[0]|no control characters"})
  void databaseNamesSqlServerCannotHold(String list, String path, String expected) {
    Problem error = onlyError(SQL_SERVER + "backup:\n  full: '@weekly'\n  databases: " + list
        + "\n");
    assertEquals(path, error.path());
    assertTrue(error.message().contains(expected), error::render);
  }

  @Test
  void aNameLongerThanSqlServersIsRefused() {
    Problem error = onlyError(SQL_SERVER + "backup:\n  full: '@weekly'\n  databases: ["
        + "a".repeat(129) + "]\n");
    assertEquals("backup.databases[0]", error.path());
  }

  @ParameterizedTest
  @CsvSource({"Deployment, mssql-data", "StatefulSet, mssql-data-db-0"})
  void theBackupClaimIsNeverTheDataClaim(String workload, String claim) {
    Problem error = onlyError(SQL_SERVER + "name: db\nha:\n  workload: " + workload
        + "\nbackup:\n  full: '@weekly'\n  claim:\n    name: " + claim + "\n");
    assertEquals("backup.claim.name", error.path());
    assertTrue(error.message().contains("is the data's claim"), error::render);
  }

  @Test
  void theClaimsSizeIsAQuantity() {
    Problem error = onlyError(SQL_SERVER + "backup:\n  full: '@weekly'\n  claim:\n"
        + "    size: 16Gb\n");
    assertEquals("backup.claim.size", error.path());
    assertTrue(error.fix().contains("16Gi"), error::render);
  }

  @Test
  void azureSqlEdgeHasNoSqlcmdSoTheJobsRunASqlServerImage() throws Exception {
    assertEquals(List.of(), check("backup:\n  full: '@weekly'\n").errors());
    CronJob job = TestManifests.first(TestManifests.render(dir, "backup:\n  full: '@weekly'\n"),
        CronJob.class);
    assertEquals("mcr.microsoft.com/mssql/server:2022-CU16-ubuntu-22.04", job.getSpec()
        .getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
    Problem badImage = onlyError("engine:\n  clientImage: 'tools:'\nbackup:\n  full: '@weekly'\n");
    assertEquals("engine.clientImage", badImage.path());
  }

  @Test
  void aCustomEngineMayHaveNoSqlcmd() {
    Problems problems = check("engine:\n  image: registry.example.com/mssql:1\n"
        + "backup:\n  full: '@weekly'\n");
    assertEquals(List.of(), problems.errors());
    assertTrue(problems.warnings().stream().anyMatch(w -> w.path().equals("engine.clientImage")),
        problems.warnings()::toString);
  }

  @Test
  void theCronJobNamesMustFitKubernetesLimit() {
    Problem error = onlyError(SQL_SERVER + "name: " + "a".repeat(33)
        + "\nbackup:\n  full: '@weekly'\n");
    assertEquals("name", error.path());
    assertTrue(error.message().contains("-backup-differential"), error::render);
    assertEquals(List.of(), check(SQL_SERVER + "name: " + "a".repeat(32)
        + "\nbackup:\n  full: '@weekly'\n").errors());
  }

  private static final String S3 = SQL_SERVER + "backup:\n  full: '@weekly'\n  url: ";

  @Test
  void anS3UrlOnSqlServer2022HasNothingToSay() {
    Problems problems = check(S3 + "s3://s3.eu-west-1.amazonaws.com/shop-backups/db\n");
    assertEquals(List.of(), problems.errors());
    assertEquals(List.of(), backupWarnings(problems));
    assertEquals(List.of(), check(S3 + "s3://minio.storage:9000/shop\n").errors());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "s3://host/Bucket_Upper|is not an S3 URL",
      "s3://host/b|is not an S3 URL",
      "s3://host/bucket/|is not an S3 URL",
      "s3://host/bucket/a b|is not an S3 URL",
      "http://acct.blob.core.windows.net/backups|neither an S3 nor an Azure Blob storage URL",
      "ftp://host/bucket|neither an S3 nor an Azure Blob storage URL",
      "s3://host/bucket/it's|is not an S3 URL",
      "https://acct.blob.core.windows.net|is not an Azure Blob storage URL",
      "https://acct.blob.core.windows.net/Backups|is not an Azure Blob storage URL",
      "https://acct.blob.core.windows.net/back--ups|is not an Azure Blob storage URL",
      "https://acct.blob.core.windows.net/-backups|is not an Azure Blob storage URL",
      "https://acct.blob.core.windows.net/ab|is not an Azure Blob storage URL",
      "https://acct.blob.core.windows.net/backups?sv=2022|is not an Azure Blob storage URL"})
  void urlsSqlServerCannotWriteTo(String url, String expected) {
    Problem error = onlyError(S3 + "\"" + url + "\"\n");
    assertEquals("backup.url", error.path());
    assertTrue(error.message().contains(expected), error::render);
  }

  @Test
  void aUrlTooLongForTheFilesUnderIt() {
    Problem error = onlyError(S3 + "s3://host/bucket/" + "p".repeat(140) + "\n");
    assertTrue(error.message().contains("259 characters"), error::render);
  }

  @Test
  void s3NeedsSqlServer2022OrLater() {
    Problem error = onlyError("engine:\n  image: mcr.microsoft.com/mssql/server:2019-latest\n"
        + "backup:\n  full: '@weekly'\n  url: s3://host/bucket\n");
    assertEquals("backup.url", error.path());
    assertTrue(error.message().contains("SQL Server 2022 (16.x) and later"), error::render);
    assertTrue(error.message().contains("SQL Server 2019"), error::render);
  }

  @ParameterizedTest
  @ValueSource(strings = {"mcr.microsoft.com/azure-sql-edge:1.0.7",
      "mcr.microsoft.com/mssql/server:2019-latest", "mcr.microsoft.com/mssql/server:2022-latest",
      "mcr.microsoft.com/mssql/server:2025-latest"})
  void azureBlobStorageTakesEveryEngine(String image) {
    String edition = image.endsWith("2025-latest") ? "  edition: StandardDeveloper\n" : "";
    Problems problems = check("engine:\n  image: " + image + "\n" + edition
        + "  clientImage: mcr.microsoft.com/mssql/server:2022-CU16-ubuntu-22.04\n"
        + "backup:\n  full: '@weekly'\n"
        + "  url: https://shop.blob.core.windows.net/backups/eu-1\n");
    assertEquals(List.of(), problems.errors());
    assertEquals(List.of(), check(S3 + "https://10.0.0.4:10000/backups\n").errors(),
        "another host: a private endpoint, a sovereign cloud");
  }

  @Test
  void retentionAndClaimAreTheBucketsBusinessAndSaidSo() {
    Problems problems = check(S3 + "s3://host/bucket\n  retentionDays: 14\n  claim:\n"
        + "    size: 8Gi\n");
    assertEquals(List.of(), problems.errors());
    assertEquals(List.of("backup.retentionDays", "backup.claim"), backupWarnings(problems)
        .stream().map(Problem::path).toList());
  }

  @Test
  void theCredentialSecretIsASecretsName() {
    Problem error = onlyError(S3 + "s3://host/bucket\n  credentialSecret: Keys_S3\n");
    assertEquals("backup.credentialSecret", error.path());
  }
}
