package io.sqledge.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sqledge.TestConfigs;
import io.sqledge.apply.ClusterSettings;
import io.sqledge.config.InstanceConfig;
import io.sqledge.diagnostic.Problems;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.generate.Generator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which instances a goal works on together, and how it reaches their cluster. */
class SiteGroupingTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @TempDir Path dir;

  private final Sites.Defaults defaults = new Sites.Defaults(
      Optional.of(Path.of("/etc/kube/pipeline.yaml")), Optional.of("hq"), Path.of("/work/app"),
      TIMEOUT);

  private List<InstanceConfig> load(String yaml) throws SqledgeException {
    return Generator.loadAll(Optional.of(TestConfigs.write(dir, yaml)), Map.of(),
        new Problems());
  }

  @Test
  void instancesAreGroupedBySiteInTheOrderTheyComeAndConnectAsTheirClusterSays()
      throws Exception {
    List<Site> sites = Sites.of(load("""
        apiVersion: sqledge/v1
        cluster: {context: berlin, kubeconfig: kube/stores.yaml}
        instances:
          - name: a
          - name: b
            cluster: {name: hamburg, context: store-hh}
          - name: c
        """), defaults, Optional.empty());

    assertEquals(List.of("berlin", "hamburg"), sites.stream().map(Site::name).toList());
    assertEquals(List.of("a", "c"), sites.get(0).instances().stream().map(InstanceConfig::name)
        .toList());
    // A relative kubeconfig is the project's; a context and a kubeconfig are each the instance's
    // own, else the goal's.
    assertEquals(new ClusterSettings(Optional.of(Path.of("/work/app/kube/stores.yaml")),
        Optional.of("berlin"), TIMEOUT), sites.get(0).cluster());
    assertEquals(new ClusterSettings(Optional.of(Path.of("/work/app/kube/stores.yaml")),
        Optional.of("store-hh"), TIMEOUT), sites.get(1).cluster());
  }

  @Test
  void aConfigurationThatNamesNoClusterIsOneSiteReachedAsTheGoalSays() throws Exception {
    List<Site> sites = Sites.of(load("apiVersion: sqledge/v1\n"), defaults, Optional.empty());

    assertEquals(1, sites.size());
    assertEquals("default", sites.get(0).name());
    assertEquals(new ClusterSettings(Optional.of(Path.of("/etc/kube/pipeline.yaml")),
        Optional.of("hq"), TIMEOUT), sites.get(0).cluster());
  }

  @Test
  void sitesPicksSomeAndANameTheConfigurationLacksIsRefusedWithTheNearest() throws Exception {
    List<InstanceConfig> fleet = load("""
        apiVersion: sqledge/v1
        instances:
          - {name: a, cluster: {name: berlin}}
          - {name: b, cluster: {name: hamburg}}
          - {name: c, cluster: {name: munich}}
        """);

    assertEquals(List.of("berlin", "munich"), Sites.of(fleet, defaults,
        Sites.selected(" munich, berlin,")).stream().map(Site::name).toList());
    SqledgeException e = assertThrows(SqledgeException.class,
        () -> Sites.of(fleet, defaults, Sites.selected("hamburg,hamburgg,paris")));
    assertEquals("sqledge: -Dsqledge.sites names sites the configuration does not have:\n"
        + "  -Dsqledge.sites: there is no site `hamburgg`\n"
        + "    fix: did you mean `hamburg`? the configuration's sites are berlin, hamburg, munich\n"
        + "  -Dsqledge.sites: there is no site `paris`\n"
        + "    fix: the configuration's sites are berlin, hamburg, munich", e.getMessage());
    assertEquals(Optional.empty(), Sites.selected(" , "));
    assertEquals(Optional.of(Set.of("a")), Sites.selected("a"));
  }
}
