package io.sqledge.config;

import java.util.List;
import java.util.Map;

/** The database container and the settings SQL Server reads from its environment. */
public record EngineConfig(
    @Key(value = "mcr.microsoft.com/azure-sql-edge:1.0.7", doc = "The container image with its"
        + " tag. Azure SQL Edge was retired on 2025-09-30: the build warns and names"
        + " `mcr.microsoft.com/mssql/server:2022-latest`. An untagged image, or a floating tag"
        + " (`latest`, `2022-latest`, …), is a warning.")
    String image,
    @Key(value = "", oneOf = {"", "IfNotPresent", "Always", "Never"}, doc = "When the node pulls"
        + " the image: empty leaves it to Kubernetes (`IfNotPresent` for a tag, `Always` for"
        + " `latest`). With a digest or a fixed tag `IfNotPresent` lets a replacement pod start"
        + " without the registry.")
    String imagePullPolicy,
    @Key(value = "Developer", doc = "`MSSQL_PID`: an edition the engine takes (SQL Edge"
        + " `Developer` or `Premium`; SQL Server 2025 has `StandardDeveloper` and"
        + " `EnterpriseDeveloper` instead of `Developer`), or a product key"
        + " `#####-#####-#####-#####-#####`. The lists per engine: [Start-up"
        + " rules](startup-rules.md). Other images are not checked.")
    String edition,
    @Key(value = "true", doc = "`MSSQL_AGENT_ENABLED`: runs SQL Server Agent.")
    boolean agentEnabled,
    @Key(value = "SQL_Latin1_General_CP1_CI_AS", doc = "`MSSQL_COLLATION`, the server's"
        + " collation: one SQL Server has (`SELECT name FROM sys.fn_helpcollations()`) and not a"
        + " Unicode-only one. See [Start-up rules](startup-rules.md).")
    String collation,
    @Key(value = "FULL", oneOf = {"FULL", "SIMPLE"}, doc = "The recovery model of the databases"
        + " made from now on, set on `model`, which they copy, by each backup job. `FULL` keeps"
        + " the log until it is backed up, for restores to a point in time; `SIMPLE` allows no"
        + " log backups. See [Backups](backups.md).")
    String recoveryModel,
    @Key(value = "1033", min = 1, max = 65535, doc = "`MSSQL_LCID`, the locale id of the"
        + " server's language: one of the 34 languages of `sys.syslanguages` (1033 us_english,"
        + " 1031 German, 1036 French, …). See [Start-up rules](startup-rules.md).")
    long lcid,
    @Key(value = "true", doc = "`ACCEPT_EULA=Y`. The container refuses to start without it, so"
        + " `false` is an error; the build log states that the license is accepted.")
    boolean acceptEula,
    @Key(value = "1433", min = 1, max = 65535, doc = "`MSSQL_TCP_PORT`: the port SQL Server"
        + " listens on in the container. The container port and the probes follow it; the"
        + " Service forwards `service.port` to it.")
    long tcpPort,
    @Key(value = "0", min = 0, doc = "`MSSQL_MEMORY_LIMIT_MB`. `0` derives it: 80% of"
        + " `resources.limits.memory`, so SQL Server trims its caches before the kernel's OOM"
        + " killer ends it, but at least 2048 and at most the limit. Set, it must be at least"
        + " 2048 and at most the container limit.")
    long memoryLimitMb,
    @Key(value = "[]", doc = "Start-up checks to turn into warnings, for a value the plugin's"
        + " lists cannot know (a collation, locale id or edition newer than the plugin): any of"
        + " `collation`, `lcid`, `edition`. See [Start-up rules](startup-rules.md).")
    List<String> allowUnlisted,
    @Key(value = "{}", doc = "Further environment variables, `NAME: value`, in the order"
        + " written. Settings with a typed field (`MSSQL_PID`, …) and the variables that carry a"
        + " password (`MSSQL_SA_PASSWORD`, `SA_PASSWORD`, `MSSQL_PASSWORD`) are refused here.")
    Map<String, String> env,
    SecretKeyRef saPassword,
    @Key(value = "", doc = "The image of the jobs that talk to SQL Server through sqlcmd"
        + " (backups, restores, databases and logins); it needs `/bin/sh` and sqlcmd. Empty: the"
        + " engine's own image (SQL Server 2019, 2022 and 2025 ship sqlcmd, and it is already on"
        + " the database's node); for Azure SQL Edge, which ships none, `"
        + Engine.CLIENT_IMAGE_FOR_EDGE + "`, of which only sqlcmd runs. See"
        + " [Databases and logins](databases-and-logins.md#the-jobs-image).")
    String clientImage) {

  /** The image the sqlcmd jobs run: {@code clientImage}, else as its documentation says. */
  public String jobImage() {
    if (!clientImage.isEmpty()) {
      return clientImage;
    }
    return Engine.of(image) == Engine.AZURE_SQL_EDGE ? Engine.CLIENT_IMAGE_FOR_EDGE : image;
  }
}
