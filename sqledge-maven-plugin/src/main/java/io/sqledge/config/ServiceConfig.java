package io.sqledge.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Service clients connect to.
 *
 * @param type {@code LoadBalancer}, {@code ClusterIP} or {@code NodePort}
 * @param port the port clients use
 * @param annotations annotations for the Service, such as a cloud's load-balancer settings
 * @param internal whether the load balancer gets a private address only
 * @param internalAnnotations the annotations that make it internal on this platform
 * @param loadBalancerSourceRanges the client networks (CIDRs) the load balancer admits
 * @param loadBalancerIP a fixed address for the load balancer; empty for any
 */
public record ServiceConfig(
    String type,
    long port,
    Map<String, String> annotations,
    boolean internal,
    Map<String, String> internalAnnotations,
    List<String> loadBalancerSourceRanges,
    String loadBalancerIP) {

  public ServiceConfig {
    annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
    internalAnnotations = Collections.unmodifiableMap(new LinkedHashMap<>(internalAnnotations));
    loadBalancerSourceRanges = List.copyOf(loadBalancerSourceRanges);
  }

  /** The Service's annotations: the user's, plus the internal ones when asked. */
  public Map<String, String> effectiveAnnotations() {
    Map<String, String> all = new LinkedHashMap<>(annotations);
    if (internal) {
      internalAnnotations.forEach(all::putIfAbsent);
    }
    return all;
  }
}
