package io.sqledge.apply;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sqledge.diagnostic.Origin;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.SqledgeException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Secrets that hand the declared logins to applications ({@code <instance>-<login>}), the
 * step of apply that fills them: {@code username}, {@code password}, {@code host}, {@code port},
 * {@code database} and {@code jdbcUrl}. The password is the one the Secret already holds (never
 * overwritten), else the one of the login's {@code passwordSecret} (copied at each apply, so a
 * changed one reaches the login at the accounts job's next run), else one generated here, once.
 * No password is rendered, logged, or put in a message: it exists only in these Secrets.
 */
final class LoginSecrets {

  /** The key each Secret holds the password in, as the accounts job reads it. */
  static final String PASSWORD = "password";

  /** 32 letters and digits: about 190 bits, and three classes, as SQL Server's policy asks. */
  private static final int GENERATED_LENGTH = 32;
  private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
  private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
  private static final String DIGITS = "23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private LoginSecrets() {}

  /** The Secrets to plan, without their data yet (which needs what the cluster holds). */
  static List<HasMetadata> wanted(ApplyRequest request) {
    List<HasMetadata> secrets = new ArrayList<>();
    for (LoginSecret login : request.logins()) {
      secrets.add(new SecretBuilder().withNewMetadata().withName(login.secretName())
          .withLabels(login.labels()).endMetadata().withType("Opaque").build());
    }
    return secrets;
  }

  /**
   * Fills each login's planned Secret, before anything is written: a missing or refused
   * {@code passwordSecret} stops apply here, with nothing applied.
   */
  static void fill(KubernetesClient client, ClusterPlan plan, ApplyRequest request)
      throws SqledgeException {
    List<Problem> problems = new ArrayList<>();
    for (LoginSecret login : request.logins()) {
      ClusterPlan.Step step = plan.steps().stream()
          .filter(s -> s.desired() instanceof Secret && s.desired().getMetadata().getName()
              .equals(login.secretName()))
          .findFirst().orElseThrow();
      Optional<String> password = password(client, plan, login, step, problems);
      if (password.isEmpty()) {
        continue;
      }
      Map<String, String> data = new LinkedHashMap<>();
      data.put("username", login.username());
      data.put(PASSWORD, password.get());
      data.put("host", login.host(plan.namespace()));
      data.put("port", String.valueOf(login.port()));
      data.put("database", login.database());
      data.put("jdbcUrl", login.jdbcUrl(plan.namespace()));
      Map<String, String> encoded = new LinkedHashMap<>();
      data.forEach((key, value) -> encoded.put(key, Base64.getEncoder()
          .encodeToString(value.getBytes(StandardCharsets.UTF_8))));
      ((Secret) step.desired()).setData(encoded);
    }
    if (!problems.isEmpty()) {
      throw new SqledgeException("sqledge: a login's password cannot be handed over; nothing was"
          + " applied", problems);
    }
  }

  private static Optional<String> password(KubernetesClient client, ClusterPlan plan,
      LoginSecret login, ClusterPlan.Step step, List<Problem> problems) throws SqledgeException {
    String where = "Secret/" + login.passwordSecret() + " in namespace " + plan.namespace();
    if (!login.passwordSecret().isEmpty()) {
      Secret own;
      try {
        own = plan.namespaceExists() ? client.secrets().inNamespace(plan.namespace())
            .withName(login.passwordSecret()).get() : null;
      } catch (KubernetesClientException e) {
        throw new SqledgeException("sqledge: apply failed at " + where + "; nothing was applied",
            List.of(ApiErrors.describe("Secret/" + login.passwordSecret(), plan.namespace(),
                "reading Secret/" + login.passwordSecret(), e, Optional.empty(),
                String.valueOf(client.getMasterUrl()))), null);
      }
      Optional<String> value = decoded(own);
      if (value.isEmpty()) {
        problems.add(Problem.error(Origin.resource(where), "", "the Secret `"
                + login.passwordSecret() + "` that holds the password of the login `"
                + login.username() + "` " + (own == null ? "does not exist" : "has no key `"
                + PASSWORD + "`"), "create it: kubectl create secret generic "
                + login.passwordSecret() + " -n " + plan.namespace()
                + " --from-literal=password='<password>', or leave `passwordSecret` out to have"
                + " one generated"));
        return Optional.empty();
      }
      Optional<String> violation = PasswordPolicy.violation(SaPassword.of(value.get()));
      if (violation.isPresent() || value.get().chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
        problems.add(Problem.error(Origin.resource(where), "", "the password of the login `"
                + login.username() + "` is refused: " + violation.orElse("it holds a control"
                + " character (a line break?)"), "use 8 to 128 characters from at least three"
                + " of: upper case, lower case, digits, symbols; no line breaks"));
        return Optional.empty();
      }
      return value;
    }
    return step.live().flatMap(live -> decoded((Secret) live)).or(() -> Optional.of(generate()));
  }

  /** The password a Secret holds, decoded; empty when it holds none. */
  private static Optional<String> decoded(Secret secret) {
    if (secret == null) {
      return Optional.empty();
    }
    if (secret.getData() != null && secret.getData().get(PASSWORD) != null) {
      return Optional.of(new String(Base64.getDecoder().decode(secret.getData().get(PASSWORD)),
          StandardCharsets.UTF_8)).filter(p -> !p.isEmpty());
    }
    return Optional.ofNullable(secret.getStringData()).map(d -> d.get(PASSWORD))
        .filter(p -> !p.isEmpty());
  }

  /** A new password: letters and digits only, so it needs no escaping anywhere it goes. */
  static String generate() {
    String all = LOWER + UPPER + DIGITS;
    while (true) {
      StringBuilder password = new StringBuilder(GENERATED_LENGTH);
      for (int i = 0; i < GENERATED_LENGTH; i++) {
        password.append(all.charAt(RANDOM.nextInt(all.length())));
      }
      if (PasswordPolicy.violation(SaPassword.of(password.toString())).isEmpty()) {
        return password.toString();
      }
    }
  }
}
