package io.sqledge.apply;

import io.sqledge.config.SecretKeyRef;
import io.sqledge.verify.ManifestSet;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What to apply and how.
 *
 * @param manifests the verified resources, in apply order
 * @param namespace the namespace of the namespaced resources; empty for the kubeconfig's
 * @param createNamespace create the namespace when it is missing (it is never deleted)
 * @param dryRun a server-side dry run: report what would change, change nothing
 * @param forceConflicts take over fields another field manager owns (kubectl's --force-conflicts)
 * @param saPassword the Secret the workload reads the SA password from
 * @param secretSource whether to create that Secret, or check it exists
 * @param waitForReady wait until the claim is bound, the Deployment rolled out and the Service
 *     has its address
 * @param timeout how long to wait for that
 * @param pollInterval how often to look while waiting
 * @param adopt take over objects of the same name that this plugin did not make (-Dsqledge.adopt)
 * @param logins the Secrets that hand each declared login to applications, which apply makes
 *     with the login's password (never rendered: the password is no file's)
 */
public record ApplyRequest(
    ManifestSet manifests,
    String namespace,
    boolean createNamespace,
    boolean dryRun,
    boolean forceConflicts,
    SecretKeyRef saPassword,
    SecretSource secretSource,
    boolean waitForReady,
    Duration timeout,
    Duration pollInterval,
    boolean adopt,
    List<LoginSecret> logins) {

  /** The field manager of every write, as the API server records it. */
  public static final String FIELD_MANAGER = "sqledge-maven-plugin";

  /** A request that takes over nothing it did not make. */
  public ApplyRequest(ManifestSet manifests, String namespace, boolean createNamespace,
      boolean dryRun, boolean forceConflicts, SecretKeyRef saPassword, SecretSource secretSource,
      boolean waitForReady, Duration timeout, Duration pollInterval) {
    this(manifests, namespace, createNamespace, dryRun, forceConflicts, saPassword, secretSource,
        waitForReady, timeout, pollInterval, false);
  }

  /** A request without logins' Secrets. */
  public ApplyRequest(ManifestSet manifests, String namespace, boolean createNamespace,
      boolean dryRun, boolean forceConflicts, SecretKeyRef saPassword, SecretSource secretSource,
      boolean waitForReady, Duration timeout, Duration pollInterval, boolean adopt) {
    this(manifests, namespace, createNamespace, dryRun, forceConflicts, saPassword, secretSource,
        waitForReady, timeout, pollInterval, adopt, List.of());
  }

  public ApplyRequest {
    Objects.requireNonNull(manifests, "manifests");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(saPassword, "saPassword");
    Objects.requireNonNull(secretSource, "secretSource");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(pollInterval, "pollInterval");
    logins = List.copyOf(logins);
  }

  public ApplyRequest withDryRun(boolean value) {
    return new ApplyRequest(manifests, namespace, createNamespace, value, forceConflicts,
        saPassword, secretSource, waitForReady, timeout, pollInterval, adopt, logins);
  }

  public ApplyRequest withCreateNamespace(boolean value) {
    return new ApplyRequest(manifests, namespace, value, dryRun, forceConflicts, saPassword,
        secretSource, waitForReady, timeout, pollInterval, adopt, logins);
  }

  public ApplyRequest withForceConflicts(boolean value) {
    return new ApplyRequest(manifests, namespace, createNamespace, dryRun, value, saPassword,
        secretSource, waitForReady, timeout, pollInterval, adopt, logins);
  }

  public ApplyRequest withSecretSource(SecretSource value) {
    return new ApplyRequest(manifests, namespace, createNamespace, dryRun, forceConflicts,
        saPassword, value, waitForReady, timeout, pollInterval, adopt, logins);
  }

  /** Takes over objects of the same name that this plugin did not make ({@link Ownership}). */
  public ApplyRequest withAdopt(boolean value) {
    return new ApplyRequest(manifests, namespace, createNamespace, dryRun, forceConflicts,
        saPassword, secretSource, waitForReady, timeout, pollInterval, value, logins);
  }

  /** With the Secrets of these logins. */
  public ApplyRequest withLogins(List<LoginSecret> value) {
    return new ApplyRequest(manifests, namespace, createNamespace, dryRun, forceConflicts,
        saPassword, secretSource, waitForReady, timeout, pollInterval, adopt, value);
  }

  /** Waits for readiness with this timeout. */
  public ApplyRequest withWait(Duration value) {
    return new ApplyRequest(manifests, namespace, createNamespace, dryRun, forceConflicts,
        saPassword, secretSource, true, value, pollInterval, adopt, logins);
  }
}
