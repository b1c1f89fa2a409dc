package io.sqledge.apply;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sqledge.apply.SimulatedCluster.Timing;
import io.sqledge.apply.SimulatedDatabases.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The HA drill (benchmarks/run, section "ha"; not a test): on the simulated cluster, a node's
 * kubelet dies under the database, and the drill times what follows — NotReady, eviction, the
 * replacement scheduled, the Multi-Attach refusal, the remedy, the old pod gone, the disk attached
 * to the new node — for a Deployment and a StatefulSet, with the generated tolerations and with
 * Kubernetes' defaults, with the remedy late (once the disk is seen stuck) or at once, or left to
 * the failover guard (ha.automaticFailover: guard, played by {@link GuardProcess}) polling every
 * 5 s or run once a minute as a CronJob would; under the tests' fast control plane or under
 * production defaults ({@link SimulatedCluster.Timing}). For the guard's rows the drill plays the
 * cloud controller manager: it puts the cloud's shutdown taint on the node 5 s after NotReady (the
 * period of the cloud node lifecycle controller, its worst case).
 *
 * <p>Usage: {@code mvn -pl sqledge-maven-plugin exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.sqledge.apply.HaDrill -Dexec.args=<output.md>}. Environment: DRILL_RUNS
 * (runs per scenario, medians reported; default 1), DRILL_STUCK_SECONDS (how long the disk is
 * watched stuck before the late remedy; default 60), DRILL_SCENARIOS (names to run; default all).
 */
public final class HaDrill {

  /**
   * Who puts the out-of-service taint on: a person (what mvn sqledge:failover applies) late or
   * at once, or the failover guard, polling or as a CronJob would run it.
   */
  enum Remedy { LATE, AT_NOT_READY, GUARD, GUARD_EVERY_MINUTE }

  record Scenario(String name, String workload, int failoverSeconds, Remedy remedy,
      SimulatedCluster.Timing timing) {}

  static final List<Scenario> SCENARIOS = List.of(
      new Scenario("deployment", "Deployment", 30, Remedy.LATE, Timing.FAST),
      new Scenario("deployment-defaults", "Deployment", 300, Remedy.LATE, Timing.FAST),
      new Scenario("statefulset", "StatefulSet", 30, Remedy.LATE, Timing.FAST),
      new Scenario("deployment-failover-at-once", "Deployment", 30, Remedy.AT_NOT_READY,
          Timing.FAST),
      new Scenario("deployment-guard", "Deployment", 30, Remedy.GUARD, Timing.FAST),
      new Scenario("deployment-guard-cronjob", "Deployment", 30, Remedy.GUARD_EVERY_MINUTE,
          Timing.FAST),
      new Scenario("statefulset-guard", "StatefulSet", 30, Remedy.GUARD, Timing.FAST),
      new Scenario("deployment-production", "Deployment", 30, Remedy.LATE, Timing.PRODUCTION),
      new Scenario("deployment-guard-production", "Deployment", 30, Remedy.GUARD,
          Timing.PRODUCTION),
      new Scenario("statefulset-guard-production", "StatefulSet", 30, Remedy.GUARD,
          Timing.PRODUCTION));

  /** The guard's rows: the cloud's shutdown taint this long after NotReady. */
  static final double CLOUD_SEES_IT_OFF_AFTER = 5;

  static final List<String> MOMENTS = List.of("NotReady", "evicted", "replacement scheduled",
      "Multi-Attach refused", "remedy applied", "old pod gone", "disk attached to the new node");

  private final SimulatedCluster cluster;
  private final SimulatedDatabases on;
  private final KubernetesClient admin;
  private final int stuckSeconds;

  private HaDrill(SimulatedCluster cluster, int stuckSeconds) {
    this.cluster = cluster;
    this.on = new SimulatedDatabases(cluster);
    this.admin = cluster.admin();
    this.stuckSeconds = stuckSeconds;
  }

  public static void main(String[] args) throws Exception {
    int runs = Integer.parseInt(System.getenv().getOrDefault("DRILL_RUNS", "1"));
    int stuck = Integer.parseInt(System.getenv().getOrDefault("DRILL_STUCK_SECONDS", "60"));
    List<String> wanted = List.of(System.getenv().getOrDefault("DRILL_SCENARIOS",
        SCENARIOS.stream().map(Scenario::name).collect(Collectors.joining(" "))).split(" "));
    List<String> rows = new ArrayList<>();
    // One cluster per timing, started when a scenario needs it, stopped after its scenarios.
    for (Timing timing : Timing.values()) {
      List<Scenario> scenarios = SCENARIOS.stream()
          .filter(s -> s.timing() == timing && wanted.contains(s.name())).toList();
      if (scenarios.isEmpty()) {
        continue;
      }
      SimulatedCluster cluster = SimulatedCluster.start(timing);
      try {
        HaDrill drill = new HaDrill(cluster, stuck);
        for (Scenario scenario : scenarios) {
          List<Map<String, Double>> samples = new ArrayList<>();
          for (int run = 1; run <= runs; run++) {
            Map<String, Double> timeline = drill.run(scenario, run);
            System.out.println(scenario.name() + " run " + run + ": " + timeline);
            samples.add(timeline);
          }
          rows.add(row(scenario, samples));
        }
      } finally {
        cluster.stop();
      }
    }
    String table = "| Scenario (seconds after the kubelet died; median of " + runs + ") | "
        + String.join(" | ", MOMENTS) + " |\n|---|" + "---:|".repeat(MOMENTS.size()) + "\n"
        + String.join("\n", rows) + "\n\nControl plane: fast: " + Timing.FAST.describe()
        + "; production: " + Timing.PRODUCTION.describe() + ". The late remedy after the disk"
        + " was seen stuck for " + stuck + " s; for the guard, the cloud's shutdown taint "
        + CLOUD_SEES_IT_OFF_AFTER + " s after NotReady.\n";
    System.out.println(table);
    if (args.length > 0) {
      Files.writeString(Path.of(args[0]), table);
    }
    System.exit(0);
  }

  private static String row(Scenario scenario, List<Map<String, Double>> samples) {
    String label = scenario.workload() + ", tolerations " + scenario.failoverSeconds() + " s"
        + (scenario.failoverSeconds() == 300 ? " (Kubernetes' defaults)" : " (generated)")
        + switch (scenario.remedy()) {
          case AT_NOT_READY -> ", remedy at NotReady";
          case LATE -> ", remedy once stuck";
          case GUARD -> ", **guard** (every 5 s)";
          case GUARD_EVERY_MINUTE -> ", guard as a CronJob (every minute)";
        }
        + (scenario.timing() == Timing.PRODUCTION ? ", **production defaults**" : "");
    return "| " + label + " | " + MOMENTS.stream().map(moment -> median(samples, moment))
        .collect(Collectors.joining(" | ")) + " |";
  }

  private static String median(List<Map<String, Double>> samples, String moment) {
    List<Double> values = samples.stream().map(s -> s.get(moment)).filter(v -> v != null)
        .sorted().toList();
    return values.size() < samples.size() ? "—"
        : String.format("%.1f", values.get(values.size() / 2));
  }

  /** One kill, timed: moment → seconds after the kubelet died. */
  private Map<String, Double> run(Scenario scenario, int run) throws Exception {
    boolean guarded = scenario.remedy() == Remedy.GUARD
        || scenario.remedy() == Remedy.GUARD_EVERY_MINUTE;
    Database db = on.deploy(scenario.name() + "-" + run, scenario.workload(),
        scenario.failoverSeconds(), 3, guarded ? "  automaticFailover: guard\n" : "");
    try (Guard guard = guarded ? new Guard(scenario.remedy(), db) : null) {
      return run(scenario, db, guard);
    }
  }

  /**
   * The guard of a drill: its script polling all along ({@link Remedy#GUARD}), or run for one
   * round at each minute of the wall clock, as a CronJob "* * * * *" would start it.
   */
  private final class Guard implements AutoCloseable {
    private final Remedy remedy;
    private final Database db;
    private GuardProcess process;
    private long minute = -1;

    Guard(Remedy remedy, Database db) throws Exception {
      this.remedy = remedy;
      this.db = db;
      if (remedy == Remedy.GUARD) {
        process = GuardProcess.start(cluster, db.instance().manifests(), db.namespace(), false);
      }
    }

    /** Called every tick: a CronJob's run starts at each new minute. */
    void tick() throws Exception {
      long now = System.currentTimeMillis() / 60_000;
      if (remedy == Remedy.GUARD_EVERY_MINUTE && now != minute) {
        minute = now;
        close();
        process = GuardProcess.start(cluster, db.instance().manifests(), db.namespace(), true);
      }
    }

    @Override
    public void close() {
      if (process != null) {
        process.close();
      }
    }
  }

  private Map<String, Double> run(Scenario scenario, Database db, Guard guard) throws Exception {
    Pod first = on.runningPod(db.namespace());
    String deadNode = first.getSpec().getNodeName();
    PersistentVolume volume = on.boundVolume(db.namespace(), SimulatedDatabases.claimOf(first));
    Map<String, Double> at = new LinkedHashMap<>();
    long start = System.nanoTime();
    cluster.killKubelet(deadNode);
    double timeout = scenario.failoverSeconds() + stuckSeconds + 240;
    Optional<Pod> second = Optional.empty();
    boolean cloudSaidOff = false;
    while (!at.containsKey("disk attached to the new node")) {
      double now = (System.nanoTime() - start) / 1e9;
      if (now > timeout) {
        throw new AssertionError(scenario.name() + ": not done after " + timeout + " s: " + at
            + "\n" + cluster.describe());
      }
      if (!at.containsKey("NotReady") && !cluster.isReady(deadNode)) {
        at.put("NotReady", now);
        if (scenario.remedy() == Remedy.AT_NOT_READY) {
          on.outOfService(deadNode);
          at.put("remedy applied", now);
        }
      }
      if (guard != null) {
        guard.tick();
        if (at.containsKey("NotReady") && !cloudSaidOff
            && now - at.get("NotReady") >= CLOUD_SEES_IT_OFF_AFTER) {
          on.cloudShutdown(deadNode);
          cloudSaidOff = true;
        }
        if (!at.containsKey("remedy applied") && on.outOfServiceTaint(deadNode)) {
          at.put("remedy applied", now);
        }
      }
      Pod old = admin.pods().inNamespace(db.namespace()).withName(first.getMetadata().getName())
          .get();
      boolean oldGone = old == null || !old.getMetadata().getUid().equals(first.getMetadata().getUid());
      if (!at.containsKey("evicted") && (oldGone || old.getMetadata().getDeletionTimestamp() != null)) {
        at.put("evicted", now);
      }
      if (!at.containsKey("old pod gone") && oldGone) {
        at.put("old pod gone", now);
      }
      if (second.isEmpty()) {
        second = admin.pods().inNamespace(db.namespace())
            .withLabel(SimulatedDatabases.NAME_LABEL, SimulatedDatabases.DATABASE).list()
            .getItems().stream()
            .filter(p -> !SimulatedDatabases.uid(p).equals(SimulatedDatabases.uid(first)))
            .filter(p -> p.getSpec().getNodeName() != null).findFirst();
        second.ifPresent(p -> at.put("replacement scheduled", (System.nanoTime() - start) / 1e9));
      }
      if (second.isPresent() && !at.containsKey("Multi-Attach refused")
          && on.multiAttachRefused(db.namespace(), second.get())) {
        at.put("Multi-Attach refused", now);
      }
      if (second.isPresent() && on.attachedNode(volume)
          .equals(Optional.of(second.get().getSpec().getNodeName()))) {
        at.put("disk attached to the new node", now);
      }
      // The late remedy: once the disk has been seen stuck (a Deployment's replacement refused,
      // a StatefulSet's pod evicted but not replaced) for stuckSeconds.
      String stuckSince = scenario.workload().equals("StatefulSet") ? "evicted"
          : "Multi-Attach refused";
      if (scenario.remedy() == Remedy.LATE && !at.containsKey("remedy applied")
          && at.containsKey(stuckSince) && now - at.get(stuckSince) >= stuckSeconds) {
        if (at.containsKey("disk attached to the new node")) {
          throw new AssertionError(scenario.name() + ": the disk moved without the remedy");
        }
        on.outOfService(deadNode);
        at.put("remedy applied", now);
      }
      Thread.sleep(100);
    }
    if (!at.containsKey("remedy applied")) {
      throw new AssertionError(scenario.name() + ": the disk moved without the remedy: " + at);
    }
    return at;
  }
}
