package io.sqledge.config;

/** Who may reach the database over the network. */
public record NetworkConfig(
    @Key(value = "[]", doc = "Who may connect, as Kubernetes NetworkPolicy peers (`podSelector`,"
        + " `namespaceSelector`, `ipBlock`), written as in a NetworkPolicy's `from`. Set: a"
        + " NetworkPolicy `<name>` admits these on the SQL port only, and nothing else. Empty:"
        + " no NetworkPolicy. Enforced only where the cluster's network plugin implements"
        + " NetworkPolicies. See [Security](security.md).")
    Object allowFrom) {}
