package io.sqledge.apply;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Applies a verified {@link io.sqledge.verify.ManifestSet} the way {@code kubectl apply
 * --server-side} does: one server-side apply per resource, in order, with one field manager and
 * strict field validation, so the server rejects unknown fields and never silently drops them.
 *
 * <p>It is generic over kinds (no branch per kind), never deletes anything, and leaves unchanged
 * resources unchanged (no new resourceVersion). Each resource costs one read, and one apply only
 * when the read shows that something would change ({@link NoOpApply}). Before the first write it
 * checks what would make the apply fail half-way: the namespace, objects it did not make
 * ({@link Ownership}), the SA password Secret, and each change to an existing object (a dry run).
 */
public final class Applier {

  private final KubernetesClient client;
  private final ApplyLog log;

  public Applier(KubernetesClient client, ApplyLog log) {
    this.client = client;
    this.log = log;
  }

  public ApplyReport apply(ApplyRequest request) throws SqledgeException {
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
    List<HasMetadata> wanted = new ArrayList<>();
    password.ifPresent(value -> wanted.add(secret(request, value)));
    wanted.addAll(LoginSecrets.wanted(request));
    request.manifests().manifests().forEach(manifest -> wanted.add(manifest.resource()));
    ClusterPlan plan = ClusterPlan.read(client, wanted, request.namespace(),
        ClusterPlan.Purpose.APPLY);
    String namespace = plan.namespace();
    // Everything that would make the apply fail half-way is checked before the first write.
    if (!plan.namespaceExists() && !request.createNamespace()) {
      throw missingNamespace(namespace);
    }
    if (!request.adopt()) {
      refuseForeign(plan);
    }
    if (password.isEmpty()) {
      checkSecretExists(plan, request);
    }
    checkMountedSecrets(plan, request);
    LoginSecrets.fill(client, plan, request);
    if (!request.dryRun()) {
      plan = AccountsJob.rerunOnChangedPasswords(client, plan, request, log);
      rehearseChanges(plan, request);
    }
    List<ResourceChange> done = new ArrayList<>();
    if (!plan.namespaceExists()) {
      createNamespace(plan, request, done);
    }
    for (ClusterPlan.Step step : plan.steps()) {
      ResourceChange change = applyOne(step, plan, request, done);
      // Never show what changed in a Secret: the change is the password.
      done.add(step.desired() instanceof Secret
          ? new ResourceChange(change.resource(), change.outcome(), List.of()) : change);
    }
    Optional<Endpoint> endpoint;
    Optional<AccountsJob.Report> accounts = Optional.empty();
    if (request.waitForReady() && !request.dryRun()) {
      endpoint = new ReadinessWaiter(client, log, request.pollInterval())
          .await(request.manifests(), namespace, request.timeout());
      accounts = AccountsJob.await(client, request.manifests(), namespace, request.timeout());
      accounts.ifPresent(this::report);
    } else {
      endpoint = ReadinessWaiter.knownEndpoint(request.manifests(), namespace);
    }
    return new ApplyReport(namespace, done, endpoint, request.dryRun(),
        accounts.map(AccountsJob.Report::reported));
  }

  /** What the accounts job changed, line by line, as its log says. */
  private void report(AccountsJob.Report accounts) {
    if (!accounts.logRead()) {
      log.info("Job/" + accounts.job() + " (databases and logins) completed; the node does not"
          + " serve its log, so what it changed is not known here");
      return;
    }
    log.info("Job/" + accounts.job() + " (databases and logins) completed:");
    accounts.reported().forEach(line -> log.info("    " + line));
  }

  /**
   * A server-side dry run of every change to an object that exists, before the first write: a
   * field another manager owns (409), or a change the server refuses (an immutable field, 422),
   * then stops apply before anything is applied rather than half-way, with the Secret, claim and
   * Deployment applied and the Service not. New objects need no rehearsal (nothing owns their
   * fields yet; the build checked them), and unchanged ones are not sent at all, so a re-apply
   * with no change costs nothing more.
   */
  private void rehearseChanges(ClusterPlan plan, ApplyRequest request) throws SqledgeException {
    for (ClusterPlan.Step step : plan.steps()) {
      if (step.live().isEmpty() || NoOpApply.wouldChangeNothing(asMap(step.desired()),
          asMap(step.live().get()), NoOpApply.ownedBy(asMap(step.live().get()),
              ApplyRequest.FIELD_MANAGER))) {
        continue;
      }
      try {
        serverSideApply(step.resource(), request, true);
      } catch (KubernetesClientException e) {
        throw failure(step.name(), step.where(plan), "applying", e, request, List.of());
      }
    }
  }

  /** Every object of the plan that exists but is not ours, refused before the first write. */
  private static void refuseForeign(ClusterPlan plan) throws SqledgeException {
    List<Problem> problems = new ArrayList<>();
    for (ClusterPlan.Step step : plan.steps()) {
      step.live().flatMap(live -> Ownership.foreign(step.desired(), live)).ifPresent(why -> {
        String where = step.where(plan);
        problems.add(Problem.error(Origin.resource(step.name()
                + (where.isEmpty() ? "" : " in namespace " + where)), "",
            step.name() + " is not sqledge's to change: " + why,
            "give the instance another `name` (or `namespace`) so that it makes objects of its"
                + " own; or, if this object should become the instance's, take it over with"
                + " -Dsqledge.adopt=true"));
      });
    }
    if (!problems.isEmpty()) {
      throw new SqledgeException("sqledge: apply would change objects it did not make; nothing"
          + " was applied", problems);
    }
  }

  private static SqledgeException missingNamespace(String namespace) {
    return new SqledgeException("sqledge: the namespace `" + namespace + "` does not exist;"
        + " nothing was applied",
        List.of(Problem.error(Origin.resource("Namespace/" + namespace), "",
            "the namespace `" + namespace + "` does not exist",
            "create it (kubectl create namespace " + namespace + "), pass"
                + " -Dsqledge.createNamespace=true, or set `namespace` in the configuration")));
  }

  /** Creates the missing namespace (a dry run only asks the server). */
  private void createNamespace(ClusterPlan plan, ApplyRequest request, List<ResourceChange> done)
      throws SqledgeException {
    String namespace = plan.namespace();
    Namespace wanted = new NamespaceBuilder().withNewMetadata().withName(namespace)
        .addToLabels("app.kubernetes.io/managed-by", ManifestModel.MANAGED_BY).endMetadata().build();
    ClusterPlan.Step step = new ClusterPlan.Step("Namespace/" + namespace, wanted,
        client.resource(wanted), false, Optional.empty());
    done.add(applyOne(step, plan, request, done));
  }

  private void checkSecretExists(ClusterPlan plan, ApplyRequest request) throws SqledgeException {
    String namespace = plan.namespace();
    String name = request.saPassword().secretName();
    String key = request.saPassword().secretKey();
    Secret secret = readSecret(plan, name, request);
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

  /**
   * Every Secret the database pod reads (the certificate of {@code tls.secretName} as a volume,
   * the exporter's login of {@code metrics.credentialSecret} in its environment) exists with the
   * keys it reads: otherwise the pod would wait in ContainerCreating, or its container would not
   * be created, until apply's wait ran out, and say why only to {@code kubectl describe}. The SA
   * password's Secret has a check of its own, and a Secret cert-manager will write need not
   * exist yet.
   */
  private void checkMountedSecrets(ClusterPlan plan, ApplyRequest request)
      throws SqledgeException {
    String namespace = plan.namespace();
    Set<String> skipped = issuedSecrets(request);
    skipped.add(request.saPassword().secretName());
    for (Manifest manifest : request.manifests().manifests()) {
      Optional<PodSpec> pod = manifest.resource() instanceof Deployment deployment
          ? Optional.of(deployment.getSpec().getTemplate().getSpec())
          : manifest.resource() instanceof StatefulSet set
              ? Optional.of(set.getSpec().getTemplate().getSpec()) : Optional.empty();
      if (pod.isEmpty()) {
        continue;
      }
      Map<String, SecretUse> uses = secretUses(pod.get());
      for (SecretUse use : uses.values()) {
        if (skipped.contains(use.name())) {
          continue;
        }
        Secret secret = readSecret(plan, use.name(), request);
        List<String> missing = secret == null ? List.copyOf(use.keys()) : use.keys().stream()
            .filter(key -> secret.getData() == null || !secret.getData().containsKey(key))
            .toList();
        if (secret == null || !missing.isEmpty()) {
          String create = use.keys().contains("tls.crt")
              ? "kubectl create secret tls " + use.name() + " -n " + namespace
                  + " --cert=<certificate file> --key=<key file>"
              : "kubectl create secret generic " + use.name() + " -n " + namespace + " "
                  + String.join(" ", use.keys().stream().map(key -> "--from-literal=" + key
                      + "=…").toList());
          throw new SqledgeException("sqledge: a Secret the database pod reads is "
              + (secret == null ? "missing" : "incomplete") + "; nothing was applied",
              List.of(Problem.error(Origin.resource("Secret/" + use.name() + " in namespace "
                      + namespace), "", "the Secret `" + use.name() + "` that "
                      + manifest.describe() + " reads (" + use.where() + ") "
                      + (secret == null ? "does not exist" : "has no key " + String.join(", ",
                          missing.stream().map(key -> "`" + key + "`").toList())),
                  "create it: " + create)));
        }
      }
    }
  }

  /** A Secret a pod reads, the keys it reads and where, as a message names it. */
  private record SecretUse(String name, Set<String> keys, String where) {}

  /** The Secrets a pod requires, by name: its Secret volumes and its containers' secretKeyRefs. */
  private static Map<String, SecretUse> secretUses(PodSpec pod) {
    Map<String, SecretUse> uses = new LinkedHashMap<>();
    for (Volume volume : Optional.ofNullable(pod.getVolumes()).orElse(List.of())) {
      SecretVolumeSource source = volume.getSecret();
      if (source != null && !Boolean.TRUE.equals(source.getOptional())) {
        uses.computeIfAbsent(source.getSecretName(), name -> new SecretUse(name,
            new LinkedHashSet<>(), "volume `" + volume.getName() + "`")).keys().addAll(
            Optional.ofNullable(source.getItems()).orElse(List.of()).stream()
                .map(KeyToPath::getKey).toList());
      }
    }
    List<Container> containers = new ArrayList<>(Optional.ofNullable(pod.getInitContainers())
        .orElse(List.of()));
    containers.addAll(pod.getContainers());
    for (Container container : containers) {
      for (EnvVar variable : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
        SecretKeySelector ref = variable.getValueFrom() == null ? null
            : variable.getValueFrom().getSecretKeyRef();
        if (ref != null && !Boolean.TRUE.equals(ref.getOptional())) {
          uses.computeIfAbsent(ref.getName(), name -> new SecretUse(name, new LinkedHashSet<>(),
              "`" + variable.getName() + "` of container `" + container.getName() + "`"))
              .keys().add(ref.getKey());
        }
      }
    }
    return uses;
  }

  /**
   * The Secrets cert-manager will write for the output's Certificates: the pod waits for them
   * (in ContainerCreating) while cert-manager issues, so they need not exist yet.
   */
  private static Set<String> issuedSecrets(ApplyRequest request) {
    Set<String> issued = new HashSet<>();
    for (Manifest manifest : request.manifests().manifests()) {
      if (manifest.resource() instanceof GenericKubernetesResource custom
          && custom.getKind().equals("Certificate")
          && custom.getApiVersion().startsWith("cert-manager.io/")
          && custom.get("spec", "secretName") instanceof String secretName) {
        issued.add(secretName);
      }
    }
    return issued;
  }

  /** The Secret {@code name} on the cluster; null when it, or its namespace, does not exist. */
  private Secret readSecret(ClusterPlan plan, String name, ApplyRequest request)
      throws SqledgeException {
    try {
      return plan.namespaceExists()
          ? client.secrets().inNamespace(plan.namespace()).withName(name).get() : null;
    } catch (KubernetesClientException e) {
      throw failure("Secret/" + name, plan.namespace(), "reading", e, request, List.of());
    }
  }

  private static Secret secret(ApplyRequest request, SaPassword password) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(request.saPassword().secretName())
        .addToLabels("app.kubernetes.io/managed-by", ManifestModel.MANAGED_BY)
        .endMetadata()
        .withType("Opaque")
        .withData(Map.of(request.saPassword().secretKey(), password.base64()))
        .build();
  }

  /**
   * Applies one planned resource: only when the live object shows a change. A dry run into a
   * namespace that does not exist yet cannot ask the server, which would answer 404; the resource
   * would be created.
   */
  private ResourceChange applyOne(ClusterPlan.Step step, ClusterPlan plan, ApplyRequest request,
      List<ResourceChange> done) throws SqledgeException {
    String name = step.name();
    String where = step.where(plan);
    HasMetadata object = step.desired();
    try {
      ResourceChange change;
      if (step.live().isEmpty()) {
        if (!request.dryRun() || plan.reachable(step)) {
          serverSideApply(step.resource(), request, request.dryRun());
        }
        change = new ResourceChange(name, Outcome.CREATED, List.of());
      } else {
        HasMetadata live = step.live().get();
        Map<String, Object> before = asMap(live);
        if (NoOpApply.wouldChangeNothing(asMap(object), before,
            NoOpApply.ownedBy(before, ApplyRequest.FIELD_MANAGER))) {
          // No write: some kinds (PersistentVolumeClaims) would get a new resourceVersion even
          // from an apply that changes nothing.
          change = new ResourceChange(name, Outcome.UNCHANGED, List.of());
        } else {
          HasMetadata after = serverSideApply(step.resource(), request, request.dryRun());
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
