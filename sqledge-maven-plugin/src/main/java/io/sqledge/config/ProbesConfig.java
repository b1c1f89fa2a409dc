package io.sqledge.config;

/** The container's probes, each a TCP check of the SQL Server port. */
public record ProbesConfig(
    @Key(value = "{periodSeconds: 10, failureThreshold: 60, timeoutSeconds: 5}",
        doc = "Holds the other probes back while SQL Server starts or recovers its databases"
            + " after a crash: 10 s × 60 = 10 minutes by default.")
    ProbeConfig startup,
    @Key(value = "{periodSeconds: 10, failureThreshold: 3, timeoutSeconds: 5}",
        doc = "Takes the pod out of the Service while the port does not answer.")
    ProbeConfig readiness,
    @Key(value = "{periodSeconds: 20, failureThreshold: 6, timeoutSeconds: 5}",
        doc = "Restarts a process whose port stopped answering (after 20 s × 6 = 2 minutes).")
    ProbeConfig liveness) {}
