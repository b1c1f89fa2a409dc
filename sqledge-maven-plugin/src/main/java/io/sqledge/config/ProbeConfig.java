package io.sqledge.config;

/**
 * One probe on the SQL Server port.
 *
 * @param periodSeconds how often to probe
 * @param failureThreshold how many failures in a row count as failed
 * @param timeoutSeconds how long one probe may take
 */
public record ProbeConfig(long periodSeconds, long failureThreshold, long timeoutSeconds) {

  /** How long the probe tolerates failure: period × threshold. */
  public long budgetSeconds() {
    return periodSeconds * failureThreshold;
  }
}
