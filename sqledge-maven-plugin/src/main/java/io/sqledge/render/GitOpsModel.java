package io.sqledge.render;

import io.sqledge.config.ConfigValues;
import io.sqledge.config.GitOpsConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The data of the GitOps engines' templates: {@code gitops.*} as configured, the name the
 * objects share ({@code gitops.name}), the directory of the engines' files ({@code
 * gitops.directory}, which the ApplicationSet's generator skips), and for a Flux Kustomization
 * its {@code site}.
 */
public final class GitOpsModel {

  /** The Argo CD ApplicationSet's template. */
  public static final String APPLICATION_SET = "gitops-applicationset.yaml.ftl";

  /** The template of a site's Flux Kustomization. */
  public static final String FLUX_KUSTOMIZATION = "gitops-flux-kustomization.yaml.ftl";

  /** The ApplicationSet's name, and the first part of each Application's and Kustomization's. */
  static final String NAME = "sqledge";

  private GitOpsModel() {}

  /**
   * The model of the fleet's GitOps files.
   *
   * @param directory where the engines' files are in the output
   * @param site the site of a Flux Kustomization; empty for the ApplicationSet
   */
  public static Map<String, Object> of(GitOpsConfig gitops, String directory, String site) {
    Map<String, Object> values = new LinkedHashMap<>(ConfigValues.of(gitops));
    values.put("name", NAME);
    values.put("directory", directory);
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("gitops", values);
    model.put("site", site);
    return model;
  }
}
