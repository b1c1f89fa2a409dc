package io.sqledge.config;

/** The container's probes: a connection to the SQL port, except liveness (ListenerProbe). */
public record ProbesConfig(
    @Key(value = "{periodSeconds: 10, failureThreshold: 60, timeoutSeconds: 5}",
        doc = "Holds the other probes back while SQL Server starts or recovers its databases"
            + " after a crash: 10 s × 60 = 10 minutes by default.")
    ProbeConfig startup,
    @Key(value = "{periodSeconds: 10, failureThreshold: 3, timeoutSeconds: 5}",
        doc = "Takes the pod out of the Service while the port does not answer.")
    ProbeConfig readiness,
    @Key(value = "{periodSeconds: 20, failureThreshold: 6, timeoutSeconds: 5}",
        doc = "Restarts the container when nothing listens on the SQL port any more (after"
            + " 20 s × 6 = 2 minutes); a server too busy to accept a connection is only taken"
            + " out of the Service. See [High availability](high-availability.md).")
    ProbeConfig liveness) {}
