package io.sqledge.config;

/** One probe on the SQL Server port; its defaults are declared where it is used. */
public record ProbeConfig(
    @Key(value = "10", min = 1, max = Integer.MAX_VALUE, doc = "How often to probe, in seconds.")
    long periodSeconds,
    @Key(value = "3", min = 1, max = Integer.MAX_VALUE, doc = "How many failures in a row count as failed.")
    long failureThreshold,
    @Key(value = "5", min = 1, max = Integer.MAX_VALUE, doc = "How long one probe may take, in seconds.")
    long timeoutSeconds) {

  /** How long the probe tolerates failure: period × threshold. */
  public long budgetSeconds() {
    return periodSeconds * failureThreshold;
  }
}
