package io.sqledge.config;

import java.util.Map;

/**
 * One database instance, as the user described it merged over the embedded defaults. Values are
 * typed but not yet checked against the rules (names, quantities, editions): that is the job of
 * {@code io.sqledge.check}.
 *
 * @param apiVersion the configuration format, {@code sqledge/v1}
 * @param name the instance name: names the Deployment and the Service, and labels everything
 * @param namespace the namespace of the namespaced resources; empty for "the current one"
 * @param platform the platform preset that supplied storage and load-balancer defaults
 * @param labels extra labels of every resource and of the pods
 * @param annotations extra annotations of every resource
 * @param engine the database container
 * @param storage the StorageClass and the claim holding the database files
 * @param service how clients reach the database
 * @param resources CPU and memory of the database container
 * @param ha high-availability settings
 * @param probes the container's probes
 * @param pod pod-level settings
 * @param sources where each value came from, for error messages
 */
public record InstanceConfig(
    String apiVersion,
    String name,
    String namespace,
    String platform,
    Map<String, String> labels,
    Map<String, String> annotations,
    EngineConfig engine,
    StorageConfig storage,
    ServiceConfig service,
    ResourcesConfig resources,
    HaConfig ha,
    ProbesConfig probes,
    PodConfig pod,
    SourceMap sources) {}
