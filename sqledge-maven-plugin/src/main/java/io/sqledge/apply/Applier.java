package io.sqledge.apply;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.ServerSideApplicable;
import io.fabric8.kubernetes.client.dsl.WritableOperation;
import io.sqledge.apply.ResourceChange.Outcome;
import io.sqledge.diagnostic.Origin;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.render.ManifestModel;
import io.sqledge.verify.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies a verified {@link io.sqledge.verify.ManifestSet} the way {@code kubectl apply
 * --server-side} does: one server-side apply per resource, in order, with one field manager and
 * strict field validation, so the server rejects unknown fields and never silently drops them.
 *
 * <p>It is generic over kinds (no branch per kind), never deletes anything, and leaves unchanged
 * resources unchanged (no new resourceVersion). Each resource costs one read, and one apply only
 * when the read shows that something would change ({@link NoOpApply}). Before the first write it checks what would make
 * the apply fail half-way: the namespace and the SA password Secret.
 */
public final class Applier {

  private final KubernetesClient client;
  private final ApplyLog log;

  public Applier(KubernetesClient client, ApplyLog log) {
    this.client = client;
    this.log = log;
  }

  public ApplyReport apply(ApplyRequest request) throws SqledgeException {
    String namespace = request.namespace().isEmpty() ? defaultNamespace() : request.namespace();
    Optional<SaPassword> password = request.secretSource().password();
    if (password.isPresent()) {
      Optional<String> violation = PasswordPolicy.violation(password.get());
      if (violation.isPresent()) {
        throw new SqledgeException("sqledge: the SA password from "
            + request.secretSource().origin() + " does not meet SQL Server's password policy",
            List.of(Problem.error(Origin.resource("Secret/" + request.saPassword().secretName()),
                "", "the SA password is refused: " + violation.get(),
                "use 8 to 128 characters from at least three of: upper case, lower case, digits,"
                    + " symbols")));
      }
    }
    List<ResourceChange> done = new ArrayList<>();
    // In a namespace this apply has just created, nothing of ours exists yet: no need to read.
    boolean emptyNamespace = ensureNamespace(namespace, request, done);
    if (password.isPresent()) {
      done.add(applySecret(namespace, request, password.get(), emptyNamespace, done));
    } else {
      checkSecretExists(namespace, request);
    }
    for (Manifest manifest : request.manifests().manifests()) {
      done.add(applyOne(manifest.resource(), namespace, request,
          emptyNamespace && manifest.namespaced(), done));
    }
    Optional<String> endpoint = Optional.empty();
    if (request.waitForReady() && !request.dryRun()) {
      endpoint = new ReadinessWaiter(client, log, request.pollInterval())
          .await(request.manifests(), namespace, request.timeout());
    } else {
      endpoint = ReadinessWaiter.knownEndpoint(request.manifests(), namespace);
    }
    return new ApplyReport(namespace, done, endpoint, request.dryRun());
  }

  private String defaultNamespace() {
    String namespace = client.getNamespace();
    return namespace == null || namespace.isEmpty() ? "default" : namespace;
  }

  /** Checks the namespace, creating it when allowed; true when it did not exist. */
  private boolean ensureNamespace(String namespace, ApplyRequest request, List<ResourceChange> done)
      throws SqledgeException {
    Namespace live;
    try {
      live = client.namespaces().withName(namespace).get();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 403) {
        return false; // may not read namespaces; the first namespaced write will tell
      }
      throw failure("Namespace/" + namespace, "", "reading", e, request, done);
    }
    if (live != null) {
      return false;
    }
    if (!request.createNamespace()) {
      throw new SqledgeException("sqledge: the namespace `" + namespace + "` does not exist;"
          + " nothing was applied",
          List.of(Problem.error(Origin.resource("Namespace/" + namespace), "",
              "the namespace `" + namespace + "` does not exist",
              "create it (kubectl create namespace " + namespace + "), pass"
                  + " -Dsqledge.createNamespace=true, or set `namespace` in the configuration")));
    }
    Namespace wanted = new NamespaceBuilder().withNewMetadata().withName(namespace)
        .addToLabels("app.kubernetes.io/managed-by", ManifestModel.MANAGED_BY).endMetadata().build();
    done.add(applyOne(wanted, namespace, request, true, done));
    return true;
  }

  private void checkSecretExists(String namespace, ApplyRequest request) throws SqledgeException {
    String name = request.saPassword().secretName();
    String key = request.saPassword().secretKey();
    Secret secret;
    try {
      secret = client.secrets().inNamespace(namespace).withName(name).get();
    } catch (KubernetesClientException e) {
      throw failure("Secret/" + name, namespace, "reading", e, request, List.of());
    }
    String create = "kubectl create secret generic " + name + " -n " + namespace
        + " --from-literal=" + key + "='<password>'";
    String fromBuild = "or let apply create it from the MSSQL_SA_PASSWORD environment variable"
        + " (-Dsqledge.saPasswordFrom=env) or a settings.xml server"
        + " (-Dsqledge.saPasswordFrom=settings)";
    if (secret == null) {
      throw new SqledgeException("sqledge: the SA password Secret is missing; nothing was applied",
          List.of(Problem.error(Origin.resource("Secret/" + name + " in namespace " + namespace),
              "engine.saPassword", "the Secret `" + name + "` does not exist; the database reads"
                  + " its SA password from key `" + key + "` of it",
              "create it: " + create + ", " + fromBuild)));
    }
    boolean hasKey = (secret.getData() != null && secret.getData().containsKey(key))
        || (secret.getStringData() != null && secret.getStringData().containsKey(key));
    if (!hasKey) {
      throw new SqledgeException("sqledge: the SA password Secret lacks its key; nothing was"
          + " applied",
          List.of(Problem.error(Origin.resource("Secret/" + name + " in namespace " + namespace),
              "engine.saPassword.secretKey", "the Secret `" + name + "` has no key `" + key + "`",
              "add the key (" + create + " after deleting it), or set"
                  + " `engine.saPassword.secretKey` to the key it has")));
    }
  }

  private ResourceChange applySecret(String namespace, ApplyRequest request, SaPassword password,
      boolean emptyNamespace, List<ResourceChange> done) throws SqledgeException {
    Secret secret = new SecretBuilder()
        .withNewMetadata()
        .withName(request.saPassword().secretName())
        .withNamespace(namespace)
        .addToLabels("app.kubernetes.io/managed-by", ManifestModel.MANAGED_BY)
        .endMetadata()
        .withType("Opaque")
        .withData(Map.of(request.saPassword().secretKey(), password.base64()))
        .build();
    ResourceChange change = applyOne(secret, namespace, request, emptyNamespace, done);
    // Never show what changed in a Secret: the change is the password.
    return new ResourceChange(change.resource(), change.outcome(), List.of());
  }

  /**
   * Applies one resource: a read, then an apply only if the read shows a change.
   *
   * @param knownAbsent the resource cannot exist yet (it is the namespace apply found missing, or
   *     lives in it), so it is applied without reading it first
   */
  private ResourceChange applyOne(HasMetadata desired, String namespace, ApplyRequest request,
      boolean knownAbsent, List<ResourceChange> done) throws SqledgeException {
    HasMetadata object = client.getKubernetesSerialization().clone(desired);
    boolean namespaced = object instanceof Namespaced;
    if (namespaced) {
      object.getMetadata().setNamespace(namespace);
    }
    String name = object.getKind() + "/" + object.getMetadata().getName();
    String where = namespaced ? namespace : "";
    Resource<HasMetadata> resource = namespaced
        ? client.resource(object).inNamespace(namespace)
        : client.resource(object);
    try {
      HasMetadata live = knownAbsent ? null : resource.get();
      ResourceChange change;
      if (live == null) {
        serverSideApply(resource, request, request.dryRun());
        change = new ResourceChange(name, Outcome.CREATED, List.of());
      } else {
        Map<String, Object> before = asMap(live);
        if (NoOpApply.wouldChangeNothing(asMap(object), before,
            NoOpApply.ownedBy(before, ApplyRequest.FIELD_MANAGER))) {
          // One read, no write: some kinds (PersistentVolumeClaims) would get a new
          // resourceVersion even from an apply that changes nothing.
          change = new ResourceChange(name, Outcome.UNCHANGED, List.of());
        } else {
          HasMetadata after = serverSideApply(resource, request, request.dryRun());
          List<String> changes = object instanceof Secret ? List.of()
              : ObjectDiff.changes(before, asMap(after));
          boolean written = !Objects.equals(live.getMetadata().getResourceVersion(),
              after.getMetadata().getResourceVersion());
          boolean ownershipChanges = !ownFields(live).equals(ownFields(after));
          boolean dataChanges = object instanceof Secret
              && !Objects.equals(((Secret) live).getData(), ((Secret) after).getData());
          change = changes.isEmpty() && !ownershipChanges && !dataChanges && !written
              ? new ResourceChange(name, Outcome.UNCHANGED, List.of())
              : new ResourceChange(name, Outcome.CONFIGURED, changes);
        }
      }
      log.info((request.dryRun() ? "dry run: " : "") + name
          + (where.isEmpty() ? "" : " (namespace " + where + ")") + " "
          + (request.dryRun() && change.outcome() != Outcome.UNCHANGED ? "would be " : "")
          + change.outcome().word());
      change.changes().forEach(line -> log.info("    " + line));
      return change;
    } catch (KubernetesClientException e) {
      throw failure(name, where, "applying", e, request, done);
    }
  }

  private HasMetadata serverSideApply(Resource<HasMetadata> resource, ApplyRequest request,
      boolean dryRun) {
    WritableOperation<HasMetadata> operation = dryRun ? resource.dryRun() : resource;
    ServerSideApplicable<HasMetadata> apply = operation
        .fieldValidation(FieldValidateable.Validation.STRICT)
        .fieldManager(ApplyRequest.FIELD_MANAGER);
    return (request.forceConflicts() ? apply.forceConflicts() : apply).serverSideApply();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> asMap(HasMetadata object) {
    return client.getKubernetesSerialization().convertValue(object, Map.class);
  }

  /** The fields our field manager owns, as the server records them. */
  private static List<Object> ownFields(HasMetadata object) {
    if (object.getMetadata().getManagedFields() == null) {
      return List.of();
    }
    return object.getMetadata().getManagedFields().stream()
        .filter(entry -> ApplyRequest.FIELD_MANAGER.equals(entry.getManager()))
        .filter(entry -> "Apply".equals(entry.getOperation()))
        .map(entry -> (Object) entry.getFieldsV1())
        .toList();
  }

  private SqledgeException failure(String resource, String namespace, String verb, Exception e,
      ApplyRequest request, List<ResourceChange> done) {
    Problem problem = ApiErrors.describe(resource, namespace, verb + " " + resource, e,
        request.secretSource().password(), String.valueOf(client.getMasterUrl()));
    String summary = "sqledge: apply failed at " + resource + "; "
        + (done.isEmpty() ? "nothing was applied"
            : "already applied: " + String.join(", ", ApiErrors.names(done)));
    // The server's error for a Secret is not kept as a cause: nothing that carried the password
    // may reach a stack trace.
    return new SqledgeException(summary, List.of(problem), resource.startsWith("Secret/") ? null : e);
  }
}
