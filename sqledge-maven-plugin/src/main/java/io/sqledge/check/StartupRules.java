package io.sqledge.check;

import io.sqledge.config.Engine;
import io.sqledge.config.EngineConfig;
import io.sqledge.config.StartupLists;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.Suggestions;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the container checks when it starts, and the kubelet before it pulls: values the API server
 * takes, after which the pod crash-loops or never starts. The image reference (kubelet), the
 * edition, the locale id and the collation (SQL Server, against {@link StartupLists}). A value
 * outside a list is refused with the closest valid ones; {@code engine.allowUnlisted} turns that
 * into a warning for a value the lists cannot know.
 */
final class StartupRules {

  /** The checks {@code engine.allowUnlisted} can turn into warnings. */
  static final Set<String> UNLISTED = Set.of("collation", "lcid", "edition");

  private StartupRules() {}

  static void check(EngineConfig engine, Rules rules) {
    for (int i = 0; i < engine.allowUnlisted().size(); i++) {
      String check = engine.allowUnlisted().get(i);
      if (!UNLISTED.contains(check)) {
        rules.error("engine.allowUnlisted[" + i + "]", "`engine.allowUnlisted` names `"
                + Problem.shorten(check) + "`, which is no start-up check",
            "use collation, lcid or edition");
      }
    }
    String image = engine.image();
    // A blank image, or one with spaces, has an error of its own (EngineRules).
    if (!image.isBlank() && image.chars().noneMatch(Character::isWhitespace)) {
      ImageReference.check(rules, "engine.image", image, "the pod");
    }
    Engine kind = Engine.of(image);
    StartupLists lists = StartupLists.shipped();
    if (!kind.accepts(engine.edition())) {
      unlisted(engine, rules, "edition", "`engine.edition` is `"
              + Problem.shorten(engine.edition()) + "`, which " + describe(kind)
              + " does not accept: its container would stop at start-up",
          "use one of " + String.join(", ", kind.editions())
              + (kind == Engine.AZURE_SQL_EDGE ? "" : ", or a product key"
                  + " #####-#####-#####-#####-#####"));
    }
    if (kind != Engine.CUSTOM && !lists.lcids().containsKey(engine.lcid())) {
      // Locale ids are numbers: the closest are the numerically nearest (1034 → 1033, 1035, …).
      List<String> closest = lists.lcids().keySet().stream()
          .sorted(Comparator.comparingLong(id -> Math.abs(id - engine.lcid())))
          .limit(3).map(String::valueOf).toList();
      unlisted(engine, rules, "lcid", "`engine.lcid` is " + engine.lcid() + ", which is no"
              + " language SQL Server has (sys.syslanguages)",
          "use one of " + String.join(", ", closest.stream()
              .map(id -> id + " (" + lists.lcids().get(Long.parseLong(id)) + ")").toList())
              + ", or another of docs/startup-rules.md");
    }
    checkCollation(engine, rules, "engine.collation", engine.collation(),
        "its container would stop at start-up");
  }

  /**
   * A collation at {@code path} (the server's, or a database's) against SQL Server's list: one it
   * has, not Unicode-only (neither a server nor a database takes one), spelt as SQL Server spells
   * it. {@code engine.allowUnlisted: [collation]} turns an unknown one into a warning.
   *
   * @param consequence what happens with an unknown one, for the message
   */
  static void checkCollation(EngineConfig engine, Rules rules, String path, String collation,
      String consequence) {
    StartupLists lists = StartupLists.shipped();
    var known = lists.collation(collation);
    if (known.isEmpty()) {
      unlisted(engine, rules, "collation", path, "`" + path + "` is `"
              + Problem.shorten(collation) + "`, which SQL Server does not have: "
              + consequence,
          // A name is at most 128 characters (sysname): beyond that, no distance is worth its cost.
          (collation.length() > 128 ? "use a collation name such as SQL_Latin1_General_CP1_CI_AS"
              : "use the closest: " + String.join(", ",
                  Suggestions.nearest(collation, lists.collationNames(), 3)))
              + " (SELECT name FROM sys.fn_helpcollations() lists them all)");
    } else if (lists.unicodeOnly(known.get())) {
      rules.error(path, "`" + known.get() + "` is a Unicode-only collation: SQL"
          + " Server takes it for a column, never as a server's or a database's collation",
          "use a collation with a code page, such as Latin1_General_100_CI_AS_SC_UTF8, and set"
              + " this one on the columns that need it");
    } else if (!known.get().equals(collation)) {
      rules.warning(path, "`" + collation + "` is spelt `" + known.get() + "` by"
          + " SQL Server", "write `" + known.get() + "`");
    }
  }

  /** A value outside a list: an error, or a warning where {@code engine.allowUnlisted} says so. */
  private static void unlisted(EngineConfig engine, Rules rules, String check, String message,
      String fix) {
    unlisted(engine, rules, check, "engine." + check, message, fix);
  }

  private static void unlisted(EngineConfig engine, Rules rules, String check, String path,
      String message, String fix) {
    if (engine.allowUnlisted().contains(check)) {
      rules.warning(path, message + " (as far as this plugin's lists know; allowed by"
          + " `engine.allowUnlisted`)", "");
    } else {
      // At the edition if the user wrote one, else at the image that made the default wrong.
      rules.error(List.of(path, "engine.image"), message, fix + "; or, if your image has it,"
          + " add `" + check + "` to `engine.allowUnlisted`");
    }
  }

  private static String describe(Engine engine) {
    return switch (engine) {
      case AZURE_SQL_EDGE -> "Azure SQL Edge";
      case SQL_SERVER_2019 -> "SQL Server 2019";
      case SQL_SERVER_2022 -> "SQL Server 2022";
      case SQL_SERVER_2025 -> "SQL Server 2025";
      case CUSTOM -> "this image";
    };
  }
}
