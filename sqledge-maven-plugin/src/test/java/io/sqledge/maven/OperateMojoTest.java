package io.sqledge.maven;

import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqledge.apply.SimulatedCluster;
import io.sqledge.operate.Failover;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.Mojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Settings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status and failover goals, as Maven's container builds them, on the simulated cluster: what
 * status prints of a running instance, and the failover refusals users meet first. The failover
 * itself, on a dead node, is FailoverTest's.
 */
@MojoTest
class OperateMojoTest {

  @TempDir Path basedir;

  private final SimulatedCluster cluster = SimulatedCluster.shared();
  private final CapturingLog log = new CapturingLog();
  private MavenProject project;
  private String namespace;
  private static List<String> nodes;

  @BeforeEach
  void project() throws Exception {
    synchronized (OperateMojoTest.class) {
      if (nodes == null) {
        nodes = cluster.addNodes("mojo", 2);
      }
    }
    project = MojoProjects.project(basedir);
    namespace = cluster.newNamespace("mojo");
    Path config = basedir.resolve("src/main/sqledge/sqledge.yaml");
    Files.createDirectories(config.getParent());
    Files.writeString(config, "apiVersion: sqledge/v1\nname: orders\nnamespace: " + namespace
        + "\nstorage:\n  className: " + namespace + "-disk\npod:\n  nodeSelector:\n    "
        + SimulatedCluster.POOL_LABEL + ": mojo\n");
  }

  private <T extends Mojo> T configure(T mojo) throws Exception {
    return MojoProjects.configure(mojo, project, new Settings(), cluster.kubeconfig(), log);
  }

  private void apply(ApplyMojo mojo) throws Exception {
    configure(mojo);
    setVariableValueToObject(mojo, "outputDirectory", basedir.resolve("target/sqledge").toFile());
    setVariableValueToObject(mojo, "saPasswordFrom", "env");
    mojo.environment = Map.of("MSSQL_SA_PASSWORD", "Operate-Passw0rd#1");
    mojo.execute();
  }

  @Test
  @InjectMojo(goal = "apply")
  void statusShowsWhereTheDatabaseRunsOnWhatDiskBehindWhichAddress(ApplyMojo applyMojo)
      throws Exception {
    apply(applyMojo);
    // Apply's readiness does not cover the disk's attachment, which status shows.
    cluster.awaitSettled(namespace);
    StatusMojo status = configure(new StatusMojo());
    setVariableValueToObject(status, "failOnStuck", true);

    status.execute();

    String said = log.all();
    assertTrue(said.contains("INFO sqledge: Deployment/orders in namespace " + namespace), said);
    assertTrue(said.matches("(?s).*INFO sqledge:   pod orders-[a-z0-9-]+: Running, ready, on node"
        + " mojo-[12] \\(Ready: True\\), 0 restarts.*"), said);
    assertTrue(said.matches("(?s).*INFO sqledge:   claim mssql-data: Bound, volume pvc-[a-f0-9-]+,"
        + " attached to mojo-[12]\n.*"), said);
    assertTrue(said.matches("(?s).*INFO sqledge:   address: 198\\.51\\.100\\.\\d+,1433.*"), said);
    assertTrue(!said.contains("stuck"), said);
  }

  @Test
  @InjectMojo(goal = "apply")
  void failoverRefusesANodeThatIsUpAndNamesWhatToDoInstead(ApplyMojo applyMojo) throws Exception {
    apply(applyMojo);
    String node = cluster.admin().pods().inNamespace(namespace).list().getItems().get(0)
        .getSpec().getNodeName();
    FailoverMojo failover = configure(new FailoverMojo());
    setVariableValueToObject(failover, "node", node);
    setVariableValueToObject(failover, "minimumDown", 60);
    setVariableValueToObject(failover, "timeout", 60);

    MojoFailureException e = assertThrows(MojoFailureException.class, failover::execute);

    assertTrue(e.getMessage().contains("failover refused"), e::getMessage);
    assertTrue(e.getMessage().contains("node " + node + " is Ready"), e::getMessage);
    assertTrue(e.getMessage().contains("kubectl drain " + node), e::getMessage);
    var taints = cluster.admin().nodes().withName(node).get().getSpec().getTaints();
    assertTrue(taints == null || taints.stream()
        .noneMatch(t -> t.getKey().equals(Failover.TAINT_KEY)), () -> "tainted: " + taints);
  }

  @Test
  void failoverRefusesANodeThatDoesNotExist() throws Exception {
    FailoverMojo failover = configure(new FailoverMojo());
    setVariableValueToObject(failover, "node", "no-such-node");
    setVariableValueToObject(failover, "minimumDown", 60);
    setVariableValueToObject(failover, "timeout", 60);

    MojoFailureException e = assertThrows(MojoFailureException.class, failover::execute);

    assertTrue(e.getMessage().contains("there is no node no-such-node"), e::getMessage);
  }
}
