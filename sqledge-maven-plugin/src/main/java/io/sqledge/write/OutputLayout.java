package io.sqledge.write;

import io.sqledge.config.InstanceConfig;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.verify.Manifest;
import io.sqledge.verify.ManifestSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Decides the files of the output directory and their contents, and writes them into a staging
 * output instance by instance:
 *
 * <pre>
 * manifests.yaml                     every resource, in apply order (attached to the build)
 * kustomization.yaml                 lists the instance directories
 * &lt;instance&gt;/01-storageclass.yaml    one file per resource, numbered in apply order, so that
 * &lt;instance&gt;/02-persistentvolumeclaim.yaml   {@code kubectl apply -f &lt;instance&gt;/} keeps it
 * …
 * &lt;instance&gt;/kustomization.yaml      lists the instance's files, for kubectl apply -k, Argo CD, Flux
 * </pre>
 *
 * <p>An instance's directory is its name; where a fleet gives one name to instances in several
 * namespaces (the API server takes {@code db} in {@code team-a} and in {@code team-b}), those
 * instances' directories are {@code <namespace>/<name>}. A namespace and a name are DNS labels,
 * without {@code /}, so no two instances share a directory.
 *
 * <p>A fleet over several sites (clusters), or one for the GitOps engines, is laid out by site:
 * what one cluster needs is one directory, and nothing at the root mixes clusters. A site name is
 * a DNS label too.
 *
 * <pre>
 * &lt;site&gt;/manifests.yaml             the site's resources, in apply order
 * &lt;site&gt;/kustomization.yaml         lists infra and the site's instance directories
 * &lt;site&gt;/infra/01-storageclass.yaml  the site's cluster-scoped resources, each once
 * &lt;site&gt;/&lt;instance&gt;/…                the instance's namespaced resources
 * gitops/…                           the GitOps engines' entry points, when asked for
 * </pre>
 */
public final class OutputLayout {

  /** The multi-document file with every resource (of a site, in a fleet over several). */
  public static final String COMBINED_FILE = "manifests.yaml";

  /** The kustomize entry point, at the root and in each instance directory. */
  public static final String KUSTOMIZATION = "kustomization.yaml";

  /** A site's directory of cluster-scoped resources, in an output by site. */
  public static final String INFRA_DIRECTORY = "infra";

  /** The directory of the GitOps engines' files; no site may have its name. */
  public static final String GITOPS_DIRECTORY = "gitops";

  /** The Argo CD ApplicationSet's file. */
  public static final String APPLICATION_SET_FILE = GITOPS_DIRECTORY + "/applicationset.yaml";

  /** The file of a site's Flux Kustomization. */
  public static String fluxFile(String site) {
    return GITOPS_DIRECTORY + "/flux/" + site + ".yaml";
  }

  /** Whether the output of {@code instances} is by site: several sites, or GitOps files. */
  public static boolean bySite(List<InstanceConfig> instances) {
    return instances.get(0).gitops().enabled()
        || instances.stream().map(instance -> instance.cluster().site()).distinct().count() > 1;
  }

  /** The directory of an instance's site in an output by site. */
  public static String siteDirectory(InstanceConfig instance) {
    return instance.cluster().siteName();
  }

  /** A Kustomization listing {@code resources} (files or directories) in order. */
  static String kustomization(List<String> resources) {
    StringBuilder text = new StringBuilder("apiVersion: kustomize.config.k8s.io/v1beta1\n"
        + "kind: Kustomization\nresources:\n");
    for (String resource : resources) {
      text.append("  - ").append(resource).append('\n');
    }
    return text.toString();
  }

  /**
   * The directory of each instance: {@code <name>}, or {@code <namespace>/<name>} when another
   * instance of its site has the same name in another namespace; under {@code <site>/} when the
   * output is {@code bySite} ({@link #bySite}). (Two instances of one site with one name in one namespace, or one
   * name with and without a namespace, are refused before the output is touched.) Only the shared
   * names are kept, not the instances: a fleet's configurations are let go one at a time as they
   * are written.
   */
  public static Function<InstanceConfig, String> directories(List<InstanceConfig> instances,
      boolean bySite) {
    Map<String, String> firstNamespace = new HashMap<>();
    Set<String> shared = new HashSet<>();
    for (InstanceConfig instance : instances) {
      String site = instance.cluster().site();
      String first = firstNamespace.putIfAbsent(site + "/" + instance.name(),
          instance.namespace());
      if (first != null && !first.equals(instance.namespace())) {
        shared.add(site + "/" + instance.name());
      }
    }
    return instance -> {
      String directory = shared.contains(instance.cluster().site() + "/" + instance.name())
          && !instance.namespace().isEmpty()
          ? instance.namespace() + "/" + instance.name() : instance.name();
      return bySite ? siteDirectory(instance) + "/" + directory : directory;
    };
  }

  /**
   * The combined files an output directory holds: {@code manifests.yaml}, or in an output by site
   * each {@code <site>/manifests.yaml}, in name order.
   */
  public static List<Path> combinedFiles(Path directory) {
    Path root = directory.resolve(COMBINED_FILE);
    if (Files.isRegularFile(root)) {
      return List.of(root);
    }
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(entry -> entry.resolve(COMBINED_FILE)).filter(Files::isRegularFile)
          .sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** One file: its path in the output directory and what it holds, for the log. */
  public record OutputFile(String path, String description) {}

  /** One site's part of the output: the root's files, or {@code <site>/}'s. */
  private final class SiteOutput {
    private final String root;
    private final OutputWriter.Staging.Appender combined;
    /** Cluster-scoped resources already written (a StorageClass instances share). */
    private final Set<String> clusterWide = new HashSet<>();
    /** The files of {@code infra/}, in an output by site. */
    private final List<String> infra = new ArrayList<>();
    private final List<String> instances = new ArrayList<>();
    private int resources;

    SiteOutput(String root) throws SqledgeException {
      this.root = root;
      this.combined = staging.appender(root + COMBINED_FILE);
      combined.append(header);
    }
  }

  private final OutputWriter.Staging staging;
  private final String header;
  private final boolean bySite;
  /** The sites' outputs in order of first use; one, at the root, unless {@code bySite}. */
  private final Map<String, SiteOutput> sites = new LinkedHashMap<>();
  private final ManifestSerializer serializer = new ManifestSerializer();
  private final List<String> instances = new ArrayList<>();
  private final List<OutputFile> perInstance = new ArrayList<>();

  /**
   * Lays out instances into {@code staging}, one at a time, so that only the one being added is
   * in memory.
   *
   * @param sourceName the configuration's display name, quoted in each file's header
   * @param bySite whether the output is by site ({@link #bySite}): a directory per site
   */
  public OutputLayout(OutputWriter.Staging staging, String sourceName, boolean bySite)
      throws SqledgeException {
    this.staging = staging;
    this.header = "# Generated by sqledge-maven-plugin from " + sourceName.replace('\n', ' ')
        + ". Do not edit: change the configuration and run `mvn sqledge:generate`.\n";
    this.bySite = bySite;
  }

  /**
   * Adds an instance's files, and its resources to its site's combined file. A cluster-scoped
   * resource shared by several instances of a site (a StorageClass) is written once, with the
   * first instance that uses it, so that the site's kustomization holds every object once.
   *
   * <p>In an output by site, the cluster-scoped resources go to the site's {@code infra/}.
   *
   * @param instance the instance, whose site is its output's unless the layout is not by site
   * @param directory the instance's directory, from {@link #directories}
   */
  public void add(InstanceConfig instance, String directory, ManifestSet manifests)
      throws SqledgeException {
    String root = bySite ? siteDirectory(instance) + "/" : "";
    SiteOutput output = sites.get(root);
    if (output == null) {
      output = new SiteOutput(root);
      sites.put(root, output);
    }
    List<String> files = new ArrayList<>();
    for (Manifest manifest : manifests.manifests()) {
      if (!manifest.namespaced() && !output.clusterWide.add(manifest.describe())) {
        continue;
      }
      String document = serializer.document(manifest);
      output.combined.append("---\n");
      output.combined.append(document);
      output.resources++;
      List<String> into = bySite && !manifest.namespaced() ? output.infra : files;
      String file = String.format(Locale.ROOT, "%02d-%s.yaml", into.size() + 1,
          manifest.kind().toLowerCase(Locale.ROOT));
      into.add(file);
      write((into == files ? directory : root + INFRA_DIRECTORY) + "/" + file,
          header + document, manifest.describe());
    }
    write(directory + "/" + KUSTOMIZATION, header + kustomization(files), "kustomization");
    output.instances.add(directory.substring(root.length()));
    instances.add(directory);
  }

  /** One more document of the output (a GitOps engine's), in the output's style. */
  public void addFile(String path, Map<String, Object> document, String description)
      throws SqledgeException {
    write(path, header + serializer.document(document), description);
  }

  private void write(String path, String content, String description) throws SqledgeException {
    staging.file(path, content);
    perInstance.add(new OutputFile(path, description));
  }

  /** The directories of the instances added, in order. */
  public List<String> instances() {
    return List.copyOf(instances);
  }

  /** The sites' directories, in the order their first instance was added. */
  public List<String> sites() {
    return sites.keySet().stream().filter(root -> !root.isEmpty())
        .map(root -> root.substring(0, root.length() - 1)).toList();
  }

  /** The combined files, one per site (one at the root unless the layout is by site). */
  public List<String> combinedFiles() {
    return sites.values().stream().map(output -> output.root + COMBINED_FILE).toList();
  }

  /**
   * Writes the sites' kustomizations; returns every file, in a stable order: each site's combined
   * file, each instance's files, each site's kustomization.
   */
  public List<OutputFile> finish() throws SqledgeException {
    List<OutputFile> files = new ArrayList<>();
    for (SiteOutput output : sites.values()) {
      files.add(new OutputFile(output.root + COMBINED_FILE, output.resources + " resources"));
    }
    files.addAll(perInstance);
    for (SiteOutput output : sites.values()) {
      List<String> resources = new ArrayList<>();
      if (!output.infra.isEmpty()) {
        String infra = output.root + INFRA_DIRECTORY + "/" + KUSTOMIZATION;
        staging.file(infra, header + kustomization(output.infra));
        files.add(new OutputFile(infra, "kustomization"));
        resources.add(INFRA_DIRECTORY);
      }
      resources.addAll(output.instances);
      staging.file(output.root + KUSTOMIZATION, header + kustomization(resources));
      files.add(new OutputFile(output.root + KUSTOMIZATION, "kustomization"));
    }
    return files;
  }
}
