package io.sqledge.check;

import io.sqledge.config.Quantities;
import io.sqledge.config.SourceMap;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.Problems;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The rule helpers, bound to the source map so that each error points at its value. */
record Rules(SourceMap sources, Problems problems) {

  void error(String path, String message, String fix) {
    problems.error(sources.at(path), path, message, fix);
  }

  /**
   * An error about two values that do not fit together, at the first of them the user set (an
   * embedded default is no place to fix anything).
   */
  void error(List<String> paths, String message, String fix) {
    error(firstSet(paths), message, fix);
  }

  void warning(String path, String message, String fix) {
    problems.warning(sources.at(path), path, message, fix);
  }

  /** A warning about several values, at the first of them the user set, as {@link #error}. */
  void warning(List<String> paths, String message, String fix) {
    warning(firstSet(paths), message, fix);
  }

  /**
   * The first path the user set, in the file or by a property (a key under it counts); else the
   * first. Not merely one without an embedded default's origin: a key the file does not write
   * takes the file's own origin, its first line, which is no place to fix anything either.
   */
  private String firstSet(List<String> paths) {
    return paths.stream().filter(sources::isSet).findFirst().orElse(paths.get(0));
  }

  void name(String path, String value, Function<String, Optional<String>> rule, String why) {
    rule.apply(value).ifPresent(problem -> error(path,
        "`" + path + "` `" + Problem.shorten(value) + "` " + problem + " (" + why + ")",
        "for example `" + Problem.shorten(KubernetesNames.suggest(value)) + "`"));
  }

  /** A positive quantity within what Kubernetes stores; empty (and an error) otherwise. */
  Optional<BigDecimal> quantity(String path, String value, String example) {
    Optional<BigDecimal> parsed = Quantities.parse(value);
    if (parsed.isEmpty()) {
      error(path, "`" + path + "` is `" + Problem.shorten(value) + "`, which is not a Kubernetes quantity",
          Quantities.suggest(value).map(s -> "write `" + s + "`").orElse("write it like " + example));
    } else if (parsed.get().signum() <= 0) {
      error(path, "`" + path + "` is `" + Problem.shorten(value) + "`, but it must be positive",
          "write it like " + example);
      return Optional.empty();
    } else if (parsed.get().compareTo(Quantities.MAX) > 0) {
      error(path, tooLarge(path, value), "write it like " + example);
      return Optional.empty();
    }
    return parsed;
  }

  static String tooLarge(String path, String value) {
    return "`" + path + "` is `" + Problem.shorten(value) + "`, beyond the largest quantity Kubernetes"
        + " stores (2^63 - 1; the API server would cap it)";
  }
}
