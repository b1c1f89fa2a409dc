package io.sqledge.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sqledge.apply.RealCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * CronSchedule against a real API server: for schedules and time zones at the edges of robfig's
 * parser and of Kubernetes' validation, the build refuses exactly what the API server refuses.
 */
class CronScheduleDifferentialTest {

  static final List<String> SCHEDULES = List.of(
      "0 0 * * 0", "*/5 * * * *", "0 */12 * * *", "@weekly", "@yearly", "@annually", "@monthly",
      "@daily", "@midnight", "@hourly", "@every 1h30m", "@every 90s", "@every .5h", "@every 0",
      "@every 5", "@every 5 minutes", "@fortnightly", "@WEEKLY", " @weekly", "@weekly ",
      "0 0 * * *", "0 0 * *", "0 0 * * * *", "", "   ", "60 * * * *", "59 23 31 12 6",
      "0 24 * * *", "0 0 0 * *", "0 0 32 * *", "0 0 * 0 *", "0 0 * 13 *", "0 0 * * 7",
      "0 0 * jan,DEC MON-fri", "0 0 * JANUARY *", "0 0 * * sun-sat", "0 0 ? * ?", "? ? ? ? ?",
      "*/0 * * * *", "5/15 * * * *", "5-50/15 * * * *", "50-5 * * * *", "1-2-3 * * * *",
      "*/5/2 * * * *", "1,,2 * * * *", "1, * * * *", ",1 * * * *", ", * * * *", "+5 * * * *", "-5 * * * *",
      "05 007 * * *", "99999999999 * * * *", "*-5 * * * *", "*/+5 * * * *", "a * * * *",
      "0\t0 * * *\t*", "0  0  *  *  *", "TZ=UTC 0 0 * * *", "CRON_TZ=Europe/Berlin 0 0 * * *",
      "0 0 * * 1#2", "0 0 L * *", "0 0 * * 5L", "@every -1h");

  static final List<String> ZONES = List.of("Etc/UTC", "UTC", "Europe/Berlin",
      "America/Argentina/Buenos_Aires", "Asia/Kolkata", "Mars/Olympus", "Local", "local",
      "../etc/passwd", "-03", "Etc/GMT+5", "Etc/GMT-14", "EST5EDT", "GMT0", "utc", "europe/berlin",
      "Europe//Berlin", "Europe/Berlin/", "Europe/A_Very_Long_Name_Here", "+02:00", "Z");

  @Test
  void theBuildRefusesExactlyWhatTheApiServerRefuses() {
    RealCluster cluster = RealCluster.shared();
    KubernetesClient client = cluster.admin();
    String namespace = cluster.newNamespace("cron");
    List<String> disagreements = new ArrayList<>();
    Stream.concat(SCHEDULES.stream().map(s -> new String[] {s, "Etc/UTC"}),
        ZONES.stream().map(z -> new String[] {"@daily", z})).forEach(pair -> {
          boolean server = accepts(client, namespace, pair[0], pair[1]);
          Optional<String> ours = CronSchedule.problem(pair[0])
              .or(() -> CronSchedule.zoneProblem(pair[1]));
          if (server != ours.isEmpty()) {
            disagreements.add("schedule '" + pair[0] + "', zone '" + pair[1] + "': the API server "
                + (server ? "accepts" : "refuses") + ", the build "
                + ours.map(p -> "refuses (" + p + ")").orElse("accepts"));
          }
        });
    assertEquals(List.of(), disagreements);
  }

  private static boolean accepts(KubernetesClient client, String namespace, String schedule,
      String zone) {
    CronJob job = new CronJobBuilder().withNewMetadata().withName("c").endMetadata()
        .withNewSpec().withSchedule(schedule).withTimeZone(zone)
        .withNewJobTemplate().withNewSpec().withNewTemplate().withNewSpec()
        .withRestartPolicy("Never").addNewContainer().withName("c").withImage("busybox:1")
        .endContainer().endSpec().endTemplate().endSpec().endJobTemplate().endSpec().build();
    try {
      client.resource(job).inNamespace(namespace).dryRun().create();
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() != 422) {
        throw e;
      }
      return false;
    }
  }
}
