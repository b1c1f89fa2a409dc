package io.sqledge.config;

/** Who may reach the database over the network. */
public record NetworkConfig(
    @Key(value = "true", doc = "Write the NetworkPolicy `<name>`: it admits the peers of"
        + " `allowFrom` to the SQL port and refuses every other connection to the database's"
        + " pods. Enforced only where the cluster's network plugin implements NetworkPolicies."
        + " `false` writes none. See [Security](security.md).")
    boolean policy,
    @Key(value = "[]", doc = "Who may connect, as Kubernetes NetworkPolicy peers (`podSelector`,"
        + " `namespaceSelector`, `ipBlock`), written as in a NetworkPolicy's `from`. Empty: the"
        + " pods of the instance's namespace and, behind a `LoadBalancer` or `NodePort` Service,"
        + " any address (the load balancer and its `service.loadBalancerSourceRanges` choose"
        + " those clients; after kube-proxy's source NAT the policy sees only node addresses).")
    Object allowFrom) {}
