package io.sqledge.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Service clients connect to.
 *
 * @param type {@code LoadBalancer}, {@code ClusterIP} or {@code NodePort}
 * @param port the port clients use
 * @param annotations annotations for the Service, such as a cloud's load-balancer settings
 */
public record ServiceConfig(String type, long port, Map<String, String> annotations) {

  public ServiceConfig {
    annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
  }
}
