package io.sqledge.maven;

import io.sqledge.apply.ClusterConnector;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.generate.GenerateRequest;
import io.sqledge.generate.Generator;
import io.sqledge.site.Site;
import io.sqledge.site.SiteOutcome;
import io.sqledge.site.SiteResult;
import io.sqledge.site.SiteRun;
import io.sqledge.site.SiteSummary;
import io.sqledge.site.Sites;
import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * A goal that works on the instances' objects in clusters (apply, diff, delete, status, failover,
 * backup, restore): it renders the manifests to know which objects are the instances', groups
 * the instances by site (cluster), connects to each site once, as kubectl does, and hands each
 * site's connection and instances to the goal, several sites at a time. A site that fails stops
 * only itself; the build fails at the end, naming each. The parameters of the connection, of the
 * sites and of waiting are declared here once.
 */
abstract class ClusterGoal extends ProjectGoal {

  /** How long one API request may take; waiting has its own {@code timeout}. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /**
   * A kubeconfig file for the instances whose {@code cluster.kubeconfig} is empty; unset:
   * KUBECONFIG, ~/.kube/config, or the in-cluster account.
   */
  @Parameter(property = "sqledge.kubeconfig")
  private File kubeconfig;

  /**
   * The kubeconfig context for the instances whose {@code cluster.context} is empty; unset: the
   * current context.
   */
  @Parameter(property = "sqledge.context")
  private String context;

  /**
   * How long a goal that waits does so, in seconds: apply for the resources to be ready,
   * failover for the database to run on another node, backup for its job to finish.
   */
  @Parameter(property = "sqledge.timeout", defaultValue = "600")
  private int timeout;

  /** The sites to work on, by name, comma-separated; unset: every site of the configuration. */
  @Parameter(property = "sqledge.sites")
  private String sites;

  /** How many sites the goal works on at once. */
  @Parameter(property = "sqledge.parallel", defaultValue = "4")
  private int parallel = 4;

  protected ClusterGoal(String goal) {
    super(goal);
  }

  @Override
  protected final void executeGoal() throws MojoFailureException {
    checkParameters();
    if (parallel < 1) {
      throw new MojoFailureException("sqledge: -Dsqledge.parallel is " + parallel
          + "\n    fix: give it 1 or more: how many sites the goal works on at once");
    }
    GenerateInputs inputs = inputs();
    Sites.Defaults defaults = new Sites.Defaults(
        Optional.ofNullable(kubeconfig).map(File::toPath),
        Optional.ofNullable(context).filter(name -> !name.isBlank()),
        project().getBasedir().toPath(), REQUEST_TIMEOUT);
    AtomicReference<SiteRun> running = new AtomicReference<>();
    AtomicReference<List<Site>> chosen = new AtomicReference<>();
    List<SiteResult> results;
    try {
      Generator generator = generator(inputs);
      GenerateRequest request = request(inputs, outputDirectory(), false);
      // Connecting takes as long as rendering in a fresh JVM, so the sites connect while the
      // instances render; a configuration error is still reported before a cluster error.
      List<Generator.Rendered> instances = generator.renderAll(request, loaded -> {
        chosen.set(Sites.of(loaded, defaults, Sites.selected(sites)));
        checkSites(chosen.get());
        running.set(SiteRun.start(chosen.get(), parallel, ClusterConnector::connect,
            (client, site, members) -> run(new SiteContext(client, site, members,
                new MavenApplyLog(getLog(), chosen.get().size() > 1 ? site.name() + ": " : "")))));
      });
      rendered(generator, request, instances);
      results = running.get().finish(instances);
    } catch (SqledgeException e) {
      throw MojoFailures.of(e, getLog());
    } catch (RuntimeException e) {
      throw MojoFailures.unexpected(e, getLog());
    } finally {
      if (running.get() != null) {
        running.get().close();
      }
    }
    conclude(results);
  }

  /** The summary of a run over several sites; the build fails when a site failed. */
  private void conclude(List<SiteResult> results) throws MojoFailureException {
    List<SiteResult> failed = results.stream().filter(SiteResult::failed).toList();
    if (results.size() == 1) {
      if (!failed.isEmpty()) {
        throw MojoFailures.of(failed.get(0).failure().get(), getLog());
      }
      return;
    }
    for (SiteResult result : failed) {
      MojoFailures.logCause(result.failure().get(), getLog());
      getLog().error("sqledge: site " + result.site().name() + ": "
          + result.failure().get().getMessage().replaceFirst("^sqledge: ", ""));
    }
    SiteSummary.lines(results).forEach(line -> getLog().info("sqledge: " + line));
    if (!failed.isEmpty()) {
      StringBuilder message = new StringBuilder("sqledge: " + failed.size() + " of "
          + results.size() + " sites failed" + (failed.size() < results.size()
              ? "; the others were done:" : ":"));
      for (SiteResult result : failed) {
        message.append("\n  site ").append(result.site().name()).append(": ")
            .append(SiteSummary.reason(result));
      }
      message.append("\n    fix: see each site's error above");
      if (failed.size() < results.size()) {
        message.append(", then run the goal again for them only: -Dsqledge.sites=")
            .append(String.join(",", failed.stream().map(result -> result.site().name())
                .toList()));
      }
      throw new MojoFailureException(message.toString());
    }
  }

  /** Checks the goal's own parameters before anything is read or a cluster is contacted. */
  protected void checkParameters() throws MojoFailureException {}

  /**
   * Checks the sites the run would work on before any is contacted; a goal for one site at a
   * time refuses several.
   */
  protected void checkSites(List<Site> sites) throws SqledgeException {}

  /** Where the goal's manifests are written if it writes them (apply); the others write nothing. */
  protected File outputDirectory() {
    return new File(project().getBuild().getDirectory(), "sqledge");
  }

  /** What the goal does with the rendered instances while the sites connect. */
  protected void rendered(Generator generator, GenerateRequest request,
      List<Generator.Rendered> instances) throws SqledgeException {}

  /**
   * The goal's work on one site's instances; runs on a thread of its own, beside other sites'.
   * A failure stops this site only.
   */
  protected abstract SiteOutcome run(SiteContext site) throws SqledgeException;

  /**
   * A site's work refused, as a build failure says it: what, and the fix. It fails the site
   * only; in a run over one site, the build with this text.
   */
  static SqledgeException refused(String message, String fix) {
    return new SqledgeException("sqledge: " + message + "\n    fix: " + fix, List.of());
  }

  /** For a goal that works on one site at a time: refuses a run over several. */
  static void requireOneSite(String goal, List<Site> sites) throws SqledgeException {
    if (sites.size() > 1) {
      throw refused(goal + " works on one site at a time, and the configuration has "
          + sites.size() + ": " + String.join(", ", sites.stream().map(Site::name).toList()),
          "pick one with -D" + Sites.PROPERTY + "=" + sites.get(0).name());
    }
  }

  /** {@code timeout}, at least a second. */
  protected final Duration timeout() {
    return Duration.ofSeconds(Math.max(1, timeout));
  }
}
