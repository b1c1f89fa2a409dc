package io.sqledge.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One database instance, as the user described it merged over the defaults. This record tree is
 * the configuration's schema: each component's {@link Key} declares its key once. Values are typed
 * and within their declared ranges, but the rules that span keys (names, quantities, editions)
 * are the job of {@code io.sqledge.check}.
 *
 * @param sources where each value came from, for error messages (not a key)
 */
public record InstanceConfig(
    @Key(value = "sqledge/v1", oneOf = ConfigLoader.API_VERSION,
        doc = "The configuration format. Only `sqledge/v1` exists.")
    String apiVersion,
    @Key(value = "sqledge", doc = "The instance name: names the Deployment and the Service and"
        + " labels every resource. A DNS-1035 label (lower-case letters, digits, `-`; starts with"
        + " a letter; at most 63).")
    String name,
    @Key(value = "", doc = "The namespace of the claim, Deployment and Service. Empty: none is"
        + " written, so `kubectl` uses the current one.")
    String namespace,
    @Key(value = "aks", oneOf = {"aks", "eks", "gke", "k3s", "generic"},
        doc = "The platform preset. It supplies the defaults of `storage.provisioner`,"
            + " `storage.parameters` (and for `generic`, `storage.createClass`/`className`; for"
            + " `k3s`, `storage.allowVolumeExpansion: false`) and"
            + " `service.internalAnnotations`; every one of them can still be set. See"
            + " [Platforms and storage](engines-and-platforms.md#platforms-and-storage).")
    String platform,
    @Key(value = "{}", doc = "Extra labels of every resource and of the pods. The"
        + " `app.kubernetes.io/name`, `instance`, `component` and `managed-by` labels are"
        + " sqledge's own.")
    Map<String, String> labels,
    @Key(value = "{}", doc = "Extra annotations of every resource.")
    Map<String, String> annotations,
    ClusterConfig cluster,
    GitOpsConfig gitops,
    EngineConfig engine,
    StorageConfig storage,
    ServiceConfig service,
    ResourcesConfig resources,
    HaConfig ha,
    ProbesConfig probes,
    PodConfig pod,
    NetworkConfig network,
    ConnectionConfig connection,
    BackupConfig backup,
    TlsConfig tls,
    MetricsConfig metrics,
    @Key(value = "[{name: app, owner: app}]", doc = "The databases the instance has, each made"
        + " when missing by the job `<name>-accounts`, and never dropped. The default is one"
        + " application database `app`, owned by a login `app`. `[]`: none. See [Databases and"
        + " logins](databases-and-logins.md).")
    List<DatabaseConfig> databases,
    @Key(value = "[]", doc = "SQL logins besides the databases' owners, with the databases they"
        + " may use and their roles there. Each gets a Secret `<name>-<login>` with `username`,"
        + " `password`, `host`, `port`, `database` and `jdbcUrl`. See [Databases and"
        + " logins](databases-and-logins.md).")
    List<LoginConfig> logins,
    @Key(value = "false", doc = "The production gate: every finding that matters in production"
        + " (an edition not licensed for it, a public load balancer without source ranges, no"
        + " TLS, no backups, failover that waits for a person, requests below limits, an"
        + " exporter that connects as SA) is an"
        + " error instead of a warning or silence. `-Dsqledge.production=true` turns it on for a"
        + " build. See [Production](production.md).")
    boolean production,
    @Key(value = "[]", doc = "Findings of the production gate this instance accepts, by name"
        + " (`edition`, `publicLoadBalancer`, `tls`, `trustServerCertificate`, `backups`,"
        + " `failover`, `requests`, `metricsLogin`): each stays a warning. See"
        + " [Production](production.md).")
    List<String> productionAccepts,
    SourceMap sources) {

  /**
   * Every login the instance has: those of {@code logins}, then each database owner that is not
   * one of them, nor {@code sa}, (by name, as SQL Server compares names: without case), once.
   */
  public List<LoginConfig> accountLogins() {
    List<LoginConfig> all = new ArrayList<>(logins);
    for (DatabaseConfig database : databases) {
      String owner = database.owner();
      if (!owner.isEmpty() && !owner.equalsIgnoreCase("sa") && all.stream().noneMatch(l -> l.name().equalsIgnoreCase(owner))) {
        all.add(LoginConfig.owner(owner));
      }
    }
    return List.copyOf(all);
  }

  /** Whether the output has the accounts job: some database or login is declared. */
  public boolean hasAccounts() {
    return !databases.isEmpty() || !logins.isEmpty();
  }

  /**
   * The database a login connects to: its {@code defaultDatabase}, else the first database it
   * owns, else the first it may use, else {@code master}.
   */
  public String defaultDatabaseOf(LoginConfig login) {
    if (!login.defaultDatabase().isEmpty()) {
      return login.defaultDatabase();
    }
    return databases.stream().filter(d -> d.owner().equalsIgnoreCase(login.name()))
        .map(DatabaseConfig::name).findFirst()
        .orElse(login.roles().keySet().stream().findFirst().orElse("master"));
  }

  /**
   * The database the instance's connection names ({@code connection.database}), else the
   * application database: the first of {@code databases}; empty when there is none.
   */
  public String connectionDatabase() {
    if (!connection.database().isEmpty()) {
      return connection.database();
    }
    return databases.isEmpty() ? "" : databases.get(0).name();
  }

  /**
   * The login applications connect as: the owner of the application database (the first of
   * {@code databases}); empty when there is none, or {@code sa} owns it.
   */
  public String applicationLogin() {
    if (databases.isEmpty()) {
      return "";
    }
    String owner = databases.get(0).owner();
    return owner.equalsIgnoreCase("sa") ? "" : owner;
  }

  /** A database's recovery model: its own, else {@code engine.recoveryModel}. */
  public String recoveryModelOf(DatabaseConfig database) {
    return database.recoveryModel().isEmpty() ? engine.recoveryModel() : database.recoveryModel();
  }

  /** The least memory SQL Server runs with, in MiB; an explicit limit must be at least this. */
  public static final long MIN_MEMORY_MB = 2048;

  /**
   * {@code MSSQL_MEMORY_LIMIT_MB}: {@code engine.memoryLimitMb} when set, else 80% of the
   * container's memory limit (so that SQL Server trims its caches before the kernel's OOM killer
   * ends it), but never below the 2048 MiB SQL Server needs nor above the container's limit.
   * Empty when the memory limit is not a quantity (the checks report it).
   */
  public OptionalLong memoryLimitMb() {
    if (engine.memoryLimitMb() > 0) {
      return OptionalLong.of(engine.memoryLimitMb());
    }
    return Quantities.parse(resources.limits().memory())
        .filter(bytes -> bytes.signum() > 0 && bytes.compareTo(Quantities.MAX) <= 0)
        .map(bytes -> {
          long containerMb = bytes.divide(MIB, RoundingMode.DOWN).longValue();
          long eightyPercent = bytes.multiply(BigDecimal.valueOf(8))
              .divide(MIB.multiply(BigDecimal.TEN), RoundingMode.DOWN).longValue();
          return OptionalLong.of(Math.min(containerMb, Math.max(MIN_MEMORY_MB, eightyPercent)));
        })
        .orElse(OptionalLong.empty());
  }

  /**
   * The container's memory request: {@code resources.requests.memory} when set, else the memory
   * limit, so that the pod is never evicted for using the memory SQL Server was told it may use.
   */
  public String memoryRequest() {
    String request = resources.requests().memory();
    return request.isEmpty() ? resources.limits().memory() : request;
  }

  private static final BigDecimal MIB = BigDecimal.valueOf(1024L * 1024);
}
