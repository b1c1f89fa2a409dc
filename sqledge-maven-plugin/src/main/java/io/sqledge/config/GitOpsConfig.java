package io.sqledge.config;

/**
 * The GitOps engines' entry points to the output, for a repository that holds it: an Argo CD
 * ApplicationSet over the sites' directories, and a Flux Kustomization per site. They are the
 * fleet's, so every instance has the same (set them in the shared part). See docs/fleets.md.
 */
public record GitOpsConfig(
    @Key(value = "false", doc = "Write `gitops/applicationset.yaml`: an Argo CD ApplicationSet"
        + " whose git directory generator makes an Application per site directory, synced to"
        + " the Argo CD cluster of the site's name. Needs `gitops.repoURL` and `gitops.path`."
        + " See [GitOps engines](fleets.md#gitops-engines-argo-cd-and-flux).")
    boolean argocd,
    @Key(value = "false", doc = "Write `gitops/flux/<site>.yaml`: a Flux Kustomization per site,"
        + " for the site's Flux to apply its directory. Needs `gitops.path`.")
    boolean flux,
    @Key(value = "", doc = "The git repository the output is committed to, as Argo CD reaches"
        + " it (`https://…` or `git@…`).")
    String repoURL,
    @Key(value = "HEAD", doc = "The branch, tag or commit Argo CD follows.")
    String revision,
    @Key(value = "", doc = "Where the output directory is in that repository"
        + " (`deploy/sqledge`): relative, with `/` between directories.")
    String path,
    @Key(value = "argocd", doc = "The namespace of the ApplicationSet: Argo CD's.")
    String argocdNamespace,
    @Key(value = "default", doc = "The Argo CD project of the sites' Applications.")
    String argocdProject,
    @Key(value = "flux-system", doc = "The namespace of the Flux Kustomizations: Flux's.")
    String fluxNamespace,
    @Key(value = "flux-system", doc = "The Flux GitRepository that holds the repository (the one"
        + " `flux bootstrap` makes is `flux-system`).")
    String fluxSource,
    @Key(value = "10m", doc = "How often Flux applies a site's directory again (a Go duration:"
        + " `10m`, `1h30m`).")
    String interval) {

  /** Whether any engine's files are written: the output is then laid out by site. */
  public boolean enabled() {
    return argocd || flux;
  }
}
