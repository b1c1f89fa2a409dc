package io.sqledge.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Service clients connect to. */
public record ServiceConfig(
    @Key(value = "LoadBalancer", oneOf = {"LoadBalancer", "ClusterIP", "NodePort"},
        doc = "The Service type.")
    String type,
    @Key(value = "1433", min = 1, max = 65535, doc = "The port clients connect to; it forwards"
        + " to the container's `engine.tcpPort`.")
    long port,
    @Key(value = "{}", doc = "Annotations of the Service, such as a cloud's load-balancer"
        + " settings.")
    Map<String, String> annotations,
    @Key(value = "false", doc = "Give the load balancer a private address only, with the"
        + " platform's annotation.")
    boolean internal,
    @Key(value = "{service.beta.kubernetes.io/azure-load-balancer-internal: \"true\"}",
        doc = "The annotations that make the load balancer internal, from `platform`:"
            + " `service.beta.kubernetes.io/azure-load-balancer-internal: \"true\"` (aks),"
            + " `service.beta.kubernetes.io/aws-load-balancer-internal: \"true\"` and"
            + " `…-scheme: internal` (eks), `networking.gke.io/load-balancer-type: Internal`"
            + " (gke); none for k3s and generic.")
    Map<String, String> internalAnnotations,
    @Key(value = "[]", doc = "The client networks (CIDRs) the load balancer admits, such as"
        + " `[10.20.0.0/16]`. With neither this nor `internal`, the build warns that port 1433"
        + " is open to the whole internet.")
    List<String> loadBalancerSourceRanges,
    @Key(value = "", doc = "A fixed address for the load balancer, per instance in a fleet"
        + " (Kubernetes' `spec.loadBalancerIP`: deprecated upstream but honoured by the cloud"
        + " providers; AKS also takes the `service.beta.kubernetes.io/azure-load-balancer-ipv4`"
        + " annotation in `service.annotations`).")
    String loadBalancerIP) {

  /** The Service's annotations: the user's, plus the internal ones when asked. */
  public Map<String, String> effectiveAnnotations() {
    Map<String, String> all = new LinkedHashMap<>(annotations);
    if (internal) {
      internalAnnotations.forEach(all::putIfAbsent);
    }
    return all;
  }
}
