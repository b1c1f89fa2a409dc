package io.sqledge.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sqledge.TestConfigs;
import io.sqledge.apply.ClusterSettings;
import io.sqledge.diagnostic.Origin;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.SqledgeException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The table a run over several sites ends with. */
class SiteSummaryTest {

  private static Site site(String name, int instances) throws SqledgeException {
    return new Site(name, new ClusterSettings(Optional.empty(), Optional.empty(),
        Duration.ofSeconds(1)), Collections.nCopies(instances, TestConfigs.defaults()));
  }

  @Test
  void oneAlignedRowPerSiteWithTheReasonOfAFailureShortened() throws Exception {
    SqledgeException unreachable = new SqledgeException("sqledge: waiting failed", List.of(
        Problem.error(Origin.resource("Deployment/db"), "", "reading failed: cannot reach the"
            + " API server at https://10.0.0.1:6443/ (ConnectException: Connection refused)",
            "check that the cluster is running")));
    List<String> lines = SiteSummary.lines(List.of(
        SiteResult.succeeded(site("berlin", 2), new SiteOutcome("7 created, 0 configured,"
            + " 0 unchanged", List.of("10.20.0.15,1433", "10.20.0.16,1433")),
            Duration.ofMillis(14_230)),
        SiteResult.failed(site("hh", 1), unreachable, Duration.ofMillis(10_049))));

    assertEquals(List.of(
        "SITE    INSTANCES  RESULT                                                                TOOK   ENDPOINT",
        "berlin  2          7 created, 0 configured, 0 unchanged                                  14.2s  10.20.0.15,1433, 10.20.0.16,1433",
        "hh      1          failed: reading failed: cannot reach the API server at https://10.0…  10.0s"),
        lines);
    // The whole reason is the failure's first problem.
    assertEquals("reading failed: cannot reach the API server at https://10.0.0.1:6443/"
        + " (ConnectException: Connection refused)",
        SiteSummary.reason(SiteResult.failed(site("hh", 1), unreachable, Duration.ZERO)));
  }
}
