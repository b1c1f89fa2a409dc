package io.sqledge.config;

/** The DNS name a Service has inside its cluster (Kubernetes' default cluster domain). */
public final class ServiceDns {

  private ServiceDns() {}

  /** {@code <service>.<namespace>.svc.cluster.local}; the bare name without a namespace. */
  public static String host(String service, String namespace) {
    return namespace.isEmpty() ? service : service + "." + namespace + ".svc.cluster.local";
  }
}
