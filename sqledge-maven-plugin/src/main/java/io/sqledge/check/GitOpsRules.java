package io.sqledge.check;

import io.sqledge.config.GitOpsConfig;
import io.sqledge.diagnostic.Problem;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules of {@code gitops.*}: what the engines' objects need, as their CRDs and controllers
 * take it. That every instance has the same is the fleet's to check. See docs/fleets.md.
 */
final class GitOpsRules {

  /** A Flux interval, as the Kustomization CRD's pattern takes it. */
  private static final Pattern FLUX_DURATION =
      Pattern.compile("([0-9]+(\\.[0-9]+)?(ms|s|m|h))+");

  /** A relative path of directory names, without {@code .} or {@code ..}. */
  private static final Pattern PATH = Pattern.compile("[A-Za-z0-9_][-A-Za-z0-9_.]*"
      + "(/[A-Za-z0-9_][-A-Za-z0-9_.]*)*");

  private GitOpsRules() {}

  static void check(GitOpsConfig gitops, Rules rules) {
    if (!gitops.enabled()) {
      return;
    }
    String engine = gitops.argocd() ? "gitops.argocd" : "gitops.flux";
    if (gitops.path().isEmpty()) {
      rules.error(List.of("gitops.path", engine), "`gitops.path` is empty, but the GitOps engines need where the"
          + " output is in the repository", "set it, for example `deploy/sqledge`");
    } else if (!PATH.matcher(gitops.path()).matches() || gitops.path().contains("/../")
        || gitops.path().endsWith("/..") || gitops.path().equals("..")) {
      rules.error("gitops.path", "`gitops.path` must be a relative path of directory names"
          + " (letters, digits, `-`, `_`, `.`), with `/` between them", "for example"
          + " `deploy/sqledge`, without a leading `/`, `./` or a trailing `/`");
    }
    if (gitops.argocd()) {
      if (gitops.repoURL().isBlank()) {
        rules.error(List.of("gitops.repoURL", "gitops.argocd"), "`gitops.argocd` is true, but"
            + " `gitops.repoURL` is empty:"
            + " the ApplicationSet's generator reads the repository", "set it to the repository"
            + " as Argo CD reaches it, such as `https://git.example.com/stores/deploy.git`");
      } else if (gitops.repoURL().chars().anyMatch(c -> Character.isWhitespace(c)
          || Character.isISOControl(c))) {
        rules.error("gitops.repoURL", "`gitops.repoURL` has a space or a control character",
            "write the repository's URL as `git clone` takes it");
      }
      if (gitops.revision().isBlank()) {
        rules.error("gitops.revision", "`gitops.revision` is empty", "leave it out for `HEAD`,"
            + " or name a branch, tag or commit");
      }
      rules.name("gitops.argocdNamespace", gitops.argocdNamespace(),
          KubernetesNames::dns1123Label, "a namespace name must be a DNS-1123 label");
      rules.name("gitops.argocdProject", gitops.argocdProject(),
          KubernetesNames::dns1123Subdomain, "it names an AppProject");
    }
    if (gitops.flux()) {
      rules.name("gitops.fluxNamespace", gitops.fluxNamespace(),
          KubernetesNames::dns1123Label, "a namespace name must be a DNS-1123 label");
      rules.name("gitops.fluxSource", gitops.fluxSource(),
          KubernetesNames::dns1123Subdomain, "it names a GitRepository");
      if (!FLUX_DURATION.matcher(gitops.interval()).matches()) {
        rules.error("gitops.interval", "`gitops.interval` `" + Problem.shorten(gitops.interval())
            + "` is not a"
            + " duration Flux takes", "write it like `10m`, `1h` or `1h30m` (units ms, s, m, h)");
      }
    }
  }
}
