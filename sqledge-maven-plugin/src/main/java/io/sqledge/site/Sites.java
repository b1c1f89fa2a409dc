package io.sqledge.site;

import io.sqledge.apply.ClusterSettings;
import io.sqledge.config.ClusterConfig;
import io.sqledge.config.InstanceConfig;
import io.sqledge.diagnostic.Origin;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.diagnostic.Suggestions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Groups a checked configuration's instances by site, and picks the sites a run works on. Each
 * site's connection is the instance's {@code cluster.*}, else the goal's defaults (the
 * {@code -Dsqledge.kubeconfig} and {@code -Dsqledge.context} properties), else kubectl's. That a
 * site's instances agree on their cluster was checked with the configuration.
 */
public final class Sites {

  /** The property that picks sites. */
  public static final String PROPERTY = "sqledge.sites";

  /**
   * What an instance that names no kubeconfig or context connects with.
   *
   * @param kubeconfig the goal's kubeconfig file, or empty for kubectl's lookup
   * @param context the goal's context, or empty for the current one
   * @param baseDirectory what a relative {@code cluster.kubeconfig} is relative to: the project's
   *     directory
   * @param requestTimeout how long one API request may take
   */
  public record Defaults(Optional<Path> kubeconfig, Optional<String> context, Path baseDirectory,
      Duration requestTimeout) {}

  private Sites() {}

  /**
   * The sites of {@code instances}, in order of first use, limited to {@code selected} when it is
   * present; an error naming {@code -Dsqledge.sites} when it names a site the configuration does
   * not have.
   */
  public static List<Site> of(List<InstanceConfig> instances, Defaults defaults,
      Optional<Set<String>> selected) throws SqledgeException {
    Map<String, List<InstanceConfig>> bySite = new LinkedHashMap<>();
    for (InstanceConfig instance : instances) {
      bySite.computeIfAbsent(instance.cluster().siteName(), s -> new ArrayList<>())
          .add(instance);
    }
    if (selected.isPresent()) {
      List<Problem> unknown = new ArrayList<>();
      for (String name : selected.get()) {
        if (!bySite.containsKey(name)) {
          String fix = Suggestions.closest(name, bySite.keySet())
              .map(closest -> "did you mean `" + closest + "`? ").orElse("")
              + "the configuration's sites are " + String.join(", ", bySite.keySet());
          unknown.add(Problem.error(Origin.property(PROPERTY), PROPERTY,
              "there is no site `" + Problem.shorten(name) + "`", fix));
        }
      }
      if (!unknown.isEmpty()) {
        throw new SqledgeException("sqledge: -D" + PROPERTY + " names sites the configuration"
            + " does not have:", unknown);
      }
    }
    List<Site> sites = new ArrayList<>();
    bySite.forEach((name, members) -> {
      if (selected.map(names -> names.contains(name)).orElse(true)) {
        sites.add(new Site(name, settings(members.get(0).cluster(), defaults), members));
      }
    });
    return List.copyOf(sites);
  }

  /** How to reach an instance's cluster: its own kubeconfig and context, else the defaults. */
  static ClusterSettings settings(ClusterConfig cluster, Defaults defaults) {
    Optional<Path> kubeconfig = cluster.kubeconfig().isEmpty() ? defaults.kubeconfig()
        : Optional.of(defaults.baseDirectory().resolve(cluster.kubeconfig()).normalize());
    Optional<String> context = cluster.context().isEmpty() ? defaults.context()
        : Optional.of(cluster.context());
    return new ClusterSettings(kubeconfig, context, defaults.requestTimeout());
  }

  /** The site names of {@code -Dsqledge.sites=a,b}: empty when it is unset or blank. */
  public static Optional<Set<String>> selected(String property) {
    if (property == null || property.isBlank()) {
      return Optional.empty();
    }
    Set<String> names = new LinkedHashSet<>();
    for (String name : property.split(",")) {
      if (!name.isBlank()) {
        names.add(name.trim());
      }
    }
    // In the order given: the errors about them come in that order.
    return names.isEmpty() ? Optional.empty() : Optional.of(Collections.unmodifiableSet(names));
  }
}
