package io.sqledge.maven;

import io.sqledge.apply.Applier;
import io.sqledge.apply.ApplyReport;
import io.sqledge.apply.ApplyRequest;
import io.sqledge.apply.Endpoint;
import io.sqledge.apply.LoginSecret;
import io.sqledge.apply.ResourceChange;
import io.sqledge.apply.SaPassword;
import io.sqledge.apply.SecretSource;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.generate.GenerateRequest;
import io.sqledge.generate.GenerateResult;
import io.sqledge.generate.Generator;
import io.sqledge.site.SiteOutcome;
import io.sqledge.write.ConnectionFile;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Applies the instance to a Kubernetes cluster, like {@code kubectl apply --server-side}: it runs
 * the generate pipeline (so exactly the verified manifests are applied, never stale ones), checks
 * the namespace and the SA password Secret, applies every resource with the field manager {@code
 * sqledge-maven-plugin} and strict field validation, then waits until the claim is bound, the
 * Deployment rolled out and the Service has its address, and prints the endpoint. Then it hands
 * the connection on: the properties {@code sqledge.jdbcUrl}, {@code sqledge.host}, … for the
 * plugins that run later in the build, and {@code <output>/<name>/connection.properties}.
 *
 * <p>It connects like kubectl: {@code -Dsqledge.kubeconfig}, else {@code KUBECONFIG}, else
 * {@code ~/.kube/config}, else the pod's service account; {@code -Dsqledge.context} picks a
 * context. An instance's {@code cluster.kubeconfig} and {@code cluster.context} come first, and
 * the sites of a fleet over several clusters are applied side by side.
 */
@Mojo(name = "apply", defaultPhase = LifecyclePhase.INSTALL, threadSafe = true)
public class ApplyMojo extends ClusterGoal {

  static final String PASSWORD_ENV = "MSSQL_SA_PASSWORD";

  /** Where the manifests are written before they are applied. */
  @Parameter(property = "sqledge.outputDirectory", defaultValue = "${project.build.directory}/sqledge")
  private File outputDirectory;

  /** Creates the namespace when it does not exist. It is never deleted. */
  @Parameter(property = "sqledge.createNamespace", defaultValue = "false")
  private boolean createNamespace;

  /** A server-side dry run: reports what would change and changes nothing. */
  @Parameter(property = "sqledge.dryRun", defaultValue = "false")
  private boolean dryRun;

  /** Takes over fields that another field manager owns (kubectl's --force-conflicts). */
  @Parameter(property = "sqledge.forceConflicts", defaultValue = "false")
  private boolean forceConflicts;

  /**
   * Takes over objects of the same name that exist on the cluster but were not made by this
   * plugin (nor for this instance). Without it, apply refuses them before changing anything.
   */
  @Parameter(property = "sqledge.adopt", defaultValue = "false")
  private boolean adopt;

  /** Waits until the resources are ready. */
  @Parameter(property = "sqledge.wait", defaultValue = "true")
  private boolean wait;

  /**
   * Where the SA password Secret comes from: {@code existing} (it must exist; apply checks),
   * {@code env} (apply creates or updates it from the MSSQL_SA_PASSWORD environment variable) or
   * {@code settings} (from the password of the settings.xml server {@code saPasswordServerId},
   * decrypted by Maven).
   */
  @Parameter(property = "sqledge.saPasswordFrom", defaultValue = "existing")
  private String saPasswordFrom;

  /** The settings.xml server whose password is the SA password, with saPasswordFrom=settings. */
  @Parameter(property = "sqledge.saPasswordServerId", defaultValue = "sqledge")
  private String saPasswordServerId;

  /** Skips apply only ({@code sqledge.skip} skips every goal). */
  @Parameter(property = "sqledge.apply.skip", defaultValue = "false")
  private boolean skipApply;

  // Field injection, not a JSR-330 constructor: Maven before 3.9.6 skips those (MNG-7913).
  @Component private SettingsDecrypter settingsDecrypter;

  /** The process environment; a field so that tests can give another. */
  Map<String, String> environment = System.getenv();

  /** How many instances the configuration has: one publishes {@code sqledge.jdbcUrl} too. */
  private int instanceCount;

  /** Where the SA password comes from, once the parameters are checked. */
  private SecretSource secretSource;

  public ApplyMojo() {
    super("apply");
  }

  @Override
  protected boolean skipGoal() {
    return skipApply;
  }

  @Override
  protected void checkParameters() throws MojoFailureException {
    secretSource = secretSource();
  }

  @Override
  protected File outputDirectory() {
    return outputDirectory;
  }

  /** Written while the connection is made: apply needs the objects, not an earlier run's files. */
  @Override
  protected void rendered(Generator generator, GenerateRequest request,
      List<Generator.Rendered> instances) throws SqledgeException {
    this.instanceCount = instances.size();
    GenerateResult generated = generator.write(instances, request);
    for (Problem warning : generated.warnings()) {
      getLog().warn("sqledge: " + warning.render());
    }
    // Connecting takes longer than rendering; meanwhile this thread makes the typed objects
    // apply sends (about half a second of Jackson set-up in a fresh JVM).
    instances.forEach(instance -> instance.manifests().makeTyped());
  }

  @Override
  protected SiteOutcome run(SiteContext site) throws SqledgeException {
    site.log().info((dryRun ? "dry run against " : "applying to ")
        + site.client().getMasterUrl() + " as field manager " + ApplyRequest.FIELD_MANAGER);
    long created = 0;
    long configured = 0;
    long unchanged = 0;
    List<String> endpoints = new ArrayList<>();
    for (Generator.Rendered instance : site.instances()) {
      if (site.instances().size() > 1) {
        site.log().info("instance " + instance.directory());
      }
      ApplyRequest request = new ApplyRequest(
          instance.manifests(),
          instance.config().namespace(),
          createNamespace,
          dryRun,
          forceConflicts,
          instance.config().engine().saPassword(),
          secretSource,
          wait,
          timeout(),
          Duration.ofSeconds(2),
          adopt,
          LoginSecret.of(instance.config()));
      ApplyReport report = new Applier(site.client(), site.log()).apply(request);
      report(report, site.log());
      created += count(report, ResourceChange.Outcome.CREATED);
      configured += count(report, ResourceChange.Outcome.CONFIGURED);
      unchanged += count(report, ResourceChange.Outcome.UNCHANGED);
      if (!report.dryRun() && report.endpoint().isPresent()) {
        publish(instance, report.endpoint().get(), site.log());
        endpoints.add(report.endpoint().get().toString());
      }
    }
    return new SiteOutcome(created + (dryRun ? " to create, " : " created, ") + configured
        + (dryRun ? " to configure, " : " configured, ") + unchanged + " unchanged", endpoints);
  }

  private SecretSource secretSource() throws MojoFailureException {
    switch (saPasswordFrom.trim().toLowerCase(Locale.ROOT)) {
      case "existing":
        return SecretSource.existing();
      case "env": {
        String value = environment.get(PASSWORD_ENV);
        if (value == null || value.isEmpty()) {
          throw new MojoFailureException("sqledge: -Dsqledge.saPasswordFrom=env, but the"
              + " environment variable " + PASSWORD_ENV + " is not set\n    fix: set it from"
              + " the pipeline's secret store, or use -Dsqledge.saPasswordFrom=existing");
        }
        return SecretSource.of(SaPassword.of(value), "the environment variable " + PASSWORD_ENV);
      }
      case "settings":
        return fromSettings();
      default:
        throw new MojoFailureException("sqledge: -Dsqledge.saPasswordFrom is `" + saPasswordFrom
            + "`\n    fix: use existing, env or settings");
    }
  }

  private SecretSource fromSettings() throws MojoFailureException {
    Server server = session().getSettings() == null ? null
        : session().getSettings().getServer(saPasswordServerId);
    String where = "settings.xml server `" + saPasswordServerId + "`";
    if (server == null) {
      throw new MojoFailureException("sqledge: -Dsqledge.saPasswordFrom=settings, but there is no "
          + where + "\n    fix: add <server><id>" + saPasswordServerId + "</id><password>"
          + "{encrypted}</password></server> to ~/.m2/settings.xml (mvn --encrypt-password), or"
          + " set -Dsqledge.saPasswordServerId");
    }
    SettingsDecryptionResult result =
        settingsDecrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
    for (SettingsProblem problem : result.getProblems()) {
      if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
        // The problem's text names the server and the cause, never the password.
        throw new MojoFailureException("sqledge: cannot decrypt the password of " + where + ": "
            + problem.getMessage() + "\n    fix: check ~/.m2/settings-security.xml");
      }
    }
    String password = result.getServer().getPassword();
    if (password == null || password.isEmpty()) {
      throw new MojoFailureException("sqledge: the " + where + " has no password\n    fix: add"
          + " <password> to it");
    }
    return SecretSource.of(SaPassword.of(password), where);
  }

  private static void report(ApplyReport report, MavenApplyLog log) {
    long created = count(report, ResourceChange.Outcome.CREATED);
    long configured = count(report, ResourceChange.Outcome.CONFIGURED);
    long unchanged = count(report, ResourceChange.Outcome.UNCHANGED);
    log.info((report.dryRun() ? "dry run, nothing changed: " : "")
        + report.changes().size() + " resources in namespace " + report.namespace() + ": "
        + created + (report.dryRun() ? " to create, " : " created, ") + configured
        + (report.dryRun() ? " to configure, " : " configured, ") + unchanged + " unchanged");
    report.endpoint().ifPresent(endpoint -> log.info("endpoint: " + endpoint));
  }

  /** Hands the connection to the rest of the build and to the pipeline's other steps. */
  private void publish(Generator.Rendered instance, Endpoint endpoint, MavenApplyLog log)
      throws SqledgeException {
    Map<String, String> connection = endpoint.connection(instance.config());
    // `db` in namespace team-a publishes sqledge.team-a.db.* when another namespace has a `db`.
    List<String> properties = ConnectionProperties.publish(project(),
        instance.directory().replace('/', '.'), instanceCount == 1, connection);
    Path file = ConnectionFile.write(outputDirectory.toPath(), instance.directory(), connection);
    log.info("jdbcUrl: " + connection.get("jdbcUrl"));
    log.info("set " + String.join(", ", properties) + "; wrote " + file);
  }

  private static long count(ApplyReport report, ResourceChange.Outcome outcome) {
    return report.changes().stream().filter(change -> change.outcome() == outcome).count();
  }
}
