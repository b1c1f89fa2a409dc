package io.sqledge.maven;

import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.generate.Generator;
import io.sqledge.operate.Failover;
import io.sqledge.operate.StatusReader;
import io.sqledge.site.Site;
import io.sqledge.site.SiteOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Moves the database off a node that is down for good: Kubernetes' non-graceful node shutdown.
 * It refuses unless the node has been NotReady or unreachable for {@code minimumDown}, then
 * taints it {@code node.kubernetes.io/out-of-service=nodeshutdown:NoExecute}, so that Kubernetes
 * deletes the pods it kept there and detaches their disks, and waits until the database runs on
 * another node with its disk attached, printing how long each phase took. Only for a node that is
 * really off: if the database still ran there, two servers would write one disk.
 */
@Mojo(name = "failover", threadSafe = true)
public class FailoverMojo extends ClusterGoal {

  /**
   * The node that is down, as {@code kubectl get nodes} and the status goal name it. Required;
   * checked by the goal rather than by Maven, so that {@code sqledge.skip} skips it without one.
   */
  @Parameter(property = "sqledge.node")
  private String node;

  /** How long the node must have been NotReady or unreachable, in seconds. */
  @Parameter(property = "sqledge.failover.minimumDown", defaultValue = "60")
  private int minimumDown;

  /** Skips failover only ({@code sqledge.skip} skips every goal). */
  @Parameter(property = "sqledge.failover.skip", defaultValue = "false")
  private boolean skipFailover;

  public FailoverMojo() {
    super("failover");
  }

  @Override
  protected boolean skipGoal() {
    return skipFailover;
  }

  @Override
  protected void checkParameters() throws MojoFailureException {
    if (node == null || node.isBlank()) {
      throw new MojoFailureException("sqledge: failover needs the node that is down, and"
          + " -Dsqledge.node is not set\n    fix: mvn sqledge:failover -Dsqledge.node=<node>;"
          + " mvn sqledge:status names the node an instance is stuck on");
    }
  }

  /** A node is a node of one cluster: the goal works on one site. */
  @Override
  protected void checkSites(List<Site> sites) throws SqledgeException {
    requireOneSite("failover", sites);
  }

  @Override
  protected SiteOutcome run(SiteContext site) throws SqledgeException {
    List<Generator.Rendered> instances = site.instances();
    // In a fleet, only the instances on the node move; a single instance is refused by the
    // failover itself when it is elsewhere.
    List<Generator.Rendered> affected = new ArrayList<>();
    for (Generator.Rendered rendered : instances) {
      if (instances.size() == 1 || Failover.holds(new StatusReader(site.client())
          .read(rendered.manifests(), rendered.config().namespace()), node)) {
        affected.add(rendered);
      }
    }
    if (affected.isEmpty()) {
      throw refused("failover refused: no instance of the fleet has its pod or its disk on node "
          + node, "mvn sqledge:status shows where they run");
    }
    for (Generator.Rendered rendered : affected) {
      Failover.Report report = new Failover(site.client(), site.log(), Duration.ofMillis(500))
          .run(rendered.manifests(), rendered.config().namespace(), node,
              Duration.ofSeconds(minimumDown), timeout());
      site.log().info(site.prefix(rendered) + "the database runs on node " + report.newNode()
          + " with its disk");
    }
    return SiteOutcome.of(affected.size() + " moved off node " + node);
  }
}
