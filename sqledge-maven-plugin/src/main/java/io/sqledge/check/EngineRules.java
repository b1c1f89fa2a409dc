package io.sqledge.check;

import io.sqledge.config.Engine;
import io.sqledge.config.EngineConfig;
import io.sqledge.config.InstanceConfig;
import io.sqledge.config.SecretSettings;
import io.sqledge.diagnostic.Problem;
import java.util.Map;

/** The database container: the image and its edition, the license, the environment, the SA password's Secret. */
final class EngineRules {

  private EngineRules() {}

  /** Settings that have a typed field; setting them through {@code engine.env} would fight it. */
  static final Map<String, String> TYPED_ENV =
      Map.of(
          "ACCEPT_EULA", "engine.acceptEula",
          "MSSQL_PID", "engine.edition",
          "MSSQL_AGENT_ENABLED", "engine.agentEnabled",
          "MSSQL_COLLATION", "engine.collation",
          "MSSQL_LCID", "engine.lcid",
          "MSSQL_MEMORY_LIMIT_MB", "engine.memoryLimitMb",
          "MSSQL_TCP_PORT", "engine.tcpPort");

  /**
   * The image of the sqlcmd jobs, when the output has one (backups, or databases and logins):
   * a reference the kubelet can pull, and a warning when the build cannot tell it has sqlcmd.
   */
  static void checkClientImage(InstanceConfig config, Rules rules) {
    if (!config.backup().enabled() && !config.hasAccounts()) {
      return;
    }
    EngineConfig engine = config.engine();
    if (!engine.clientImage().isEmpty()) {
      ImageReference.check(rules, "engine.clientImage", engine.clientImage(), "the sqlcmd jobs");
    } else if (Engine.of(engine.image()) == Engine.CUSTOM) {
      rules.warning("engine.clientImage", "the sqlcmd jobs (backups, databases and logins) run"
              + " sqlcmd from `engine.image`, which is not one of Microsoft's SQL Server images:"
              + " if it has no sqlcmd, every one of them fails",
          "set `engine.clientImage` to an image with `/bin/sh` and sqlcmd if it has none");
    }
  }

  static void check(EngineConfig engine, Rules rules) {
    String image = engine.image();
    if (image.isBlank() || image.chars().anyMatch(Character::isWhitespace)) {
      rules.error("engine.image", "`engine.image` must be an image reference without spaces",
          "for example `engine.image: " + Engine.SUCCESSOR_IMAGE + "`");
    }
    Engine kind = Engine.of(image);
    if (kind == Engine.AZURE_SQL_EDGE) {
      rules.warning("engine.image",
          "Azure SQL Edge was retired on 2025-09-30 and gets no more fixes",
          "move to SQL Server on Linux: `engine.image: " + Engine.SUCCESSOR_IMAGE
              + "` (and an edition it accepts, such as `Developer`)");
    }
    // A digest pins the image whatever its tag says (`repo:2022-latest@sha256:…` runs that one
    // image); without one, a missing or floating tag does not.
    boolean floating = !image.contains("@") && Engine.tagOf(image)
        .map(tag -> tag.equals("latest") || tag.endsWith("-latest"))
        .orElse(true);
    if (floating) {
      rules.warning("engine.image",
          "the image `" + Problem.shorten(image) + "` is not pinned to a version: every restart may run another one",
          "name a version tag, such as `:2022-CU20-ubuntu-22.04` or `:1.0.7`, or a digest"
              + " (`@sha256:…`)");
    }
    if (!engine.acceptEula()) {
      rules.error("engine.acceptEula",
          "`engine.acceptEula` is false, but the SQL Server container refuses to start without"
              + " ACCEPT_EULA=Y",
          "read the license terms and set `engine.acceptEula: true`");
    }
    for (String name : engine.env().keySet()) {
      String path = "engine.env." + name;
      if (SecretSettings.isPasswordEnv(name)) {
        // The value is a password: name the key only.
        rules.error(path, "a password must not be written in the configuration file ("
                + "`" + path + "`)",
            "remove it: the SA password comes from the Secret named by `engine.saPassword`, and"
                + " another password from a Secret that a project template references"
                + " (valueFrom.secretKeyRef)");
        continue;
      }
      if (TYPED_ENV.containsKey(name)) {
        rules.error(path, "`" + name + "` is set by `" + TYPED_ENV.get(name) + "`",
            "remove it from `engine.env` and set `" + TYPED_ENV.get(name) + "` instead");
        continue;
      }
      KubernetesNames.envVarName(name).ifPresent(why -> rules.error(path,
          "the environment variable name `" + name + "` " + why, "rename it"));
    }
    rules.name("engine.saPassword.secretName", engine.saPassword().secretName(),
        KubernetesNames::dns1123Subdomain, "it names a Secret");
    String key = engine.saPassword().secretKey();
    KubernetesNames.secretKey(key).ifPresent(why -> rules.error("engine.saPassword.secretKey",
        "`engine.saPassword.secretKey` `" + key + "` " + why, "use MSSQL_SA_PASSWORD"));
  }
}
