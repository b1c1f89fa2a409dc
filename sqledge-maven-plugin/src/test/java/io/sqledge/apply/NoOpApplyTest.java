package io.sqledge.apply;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The local "would this apply change anything" check, on the shapes managedFields takes: granular
 * maps ({@code f:}), keyed lists ({@code k:}), sets of values ({@code v:}) and atomic values ({}).
 * The real-server side is in {@code ApplyRequestsTest}.
 */
class NoOpApplyTest {

  private static final Map<String, Object> DESIRED = Map.of(
      "apiVersion", "v1", "kind", "Service",
      "metadata", Map.of("name", "db", "labels", Map.of("app", "db")),
      "spec", Map.of(
          "selector", Map.of("app", "db"),
          "ports", List.of(Map.of("name", "mssql", "port", 1433)),
          "finalizers", List.of("a")));

  /** What the server records for DESIRED: selector atomic, ports keyed by port, a set of values. */
  private static final Map<String, Object> OWNED = Map.of(
      "f:metadata", Map.of("f:labels", Map.of("f:app", Map.of())),
      "f:spec", Map.of(
          "f:selector", Map.of(),
          "f:ports", Map.of("k:{\"port\":1433}", Map.of(".", Map.of(), "f:name", Map.of(),
              "f:port", Map.of())),
          "f:finalizers", Map.of("v:\"a\"", Map.of())));

  /** The live object: DESIRED plus what the server adds. */
  private static Map<String, Object> live(Map<String, Object> spec) {
    return Map.of("apiVersion", "v1", "kind", "Service",
        "metadata", Map.of("name", "db", "namespace", "data", "resourceVersion", "7",
            "labels", Map.of("app", "db")),
        "spec", spec);
  }

  private static final Map<String, Object> LIVE_SPEC = Map.of(
      "selector", Map.of("app", "db"),
      "ports", List.of(Map.of("name", "mssql", "port", 1433, "protocol", "TCP")),
      "finalizers", List.of("a"),
      "clusterIP", "10.0.0.1");

  @Test
  void nothingChangesWhenValuesAreLiveAndOwnershipMatches() {
    assertTrue(NoOpApply.wouldChangeNothing(DESIRED, live(LIVE_SPEC), OWNED));
  }

  @Test
  void withoutOurOwnershipAnApplyWouldTakeItOver() {
    assertFalse(NoOpApply.wouldChangeNothing(DESIRED, live(LIVE_SPEC), null));
  }

  @Test
  void aChangedValueIsAChange() {
    Map<String, Object> spec = new java.util.HashMap<>(LIVE_SPEC);
    spec.put("ports", List.of(Map.of("name", "mssql", "port", 1434, "protocol", "TCP")));
    assertFalse(NoOpApply.wouldChangeNothing(DESIRED, live(spec), OWNED));
  }

  @Test
  void anExtraKeyInAnAtomicMapIsAChange() {
    Map<String, Object> spec = new java.util.HashMap<>(LIVE_SPEC);
    spec.put("selector", Map.of("app", "db", "tier", "old"));
    assertFalse(NoOpApply.wouldChangeNothing(DESIRED, live(spec), OWNED));
  }

  @Test
  void aFieldWeOwnButNoLongerWantIsAChange() {
    Map<String, Object> owned = Map.of(
        "f:metadata", Map.of("f:labels", Map.of("f:app", Map.of(), "f:old", Map.of())),
        "f:spec", OWNED.get("f:spec"));
    assertFalse(NoOpApply.wouldChangeNothing(DESIRED, live(LIVE_SPEC), owned));
  }

  @Test
  void aListItemFieldWeOwnButNoLongerWantIsAChange() {
    Map<String, Object> owned = Map.of(
        "f:metadata", OWNED.get("f:metadata"),
        "f:spec", Map.of(
            "f:selector", Map.of(),
            "f:ports", Map.of("k:{\"port\":1433}", Map.of(".", Map.of(), "f:name", Map.of(),
                "f:port", Map.of(), "f:nodePort", Map.of())),
            "f:finalizers", Map.of("v:\"a\"", Map.of())));
    assertFalse(NoOpApply.wouldChangeNothing(DESIRED, live(LIVE_SPEC), owned));
  }
}
