package io.sqledge.check;

import io.sqledge.config.Quantities;
import io.sqledge.config.SourceMap;
import io.sqledge.diagnostic.Problems;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.function.Function;

/** The rule helpers, bound to the source map so that each error points at its value. */
record Rules(SourceMap sources, Problems problems) {

  void error(String path, String message, String fix) {
    problems.error(sources.at(path), path, message, fix);
  }

  void warning(String path, String message, String fix) {
    problems.warning(sources.at(path), path, message, fix);
  }

  void name(String path, String value, Function<String, Optional<String>> rule, String why) {
    rule.apply(value).ifPresent(problem -> error(path,
        "`" + path + "` `" + value + "` " + problem + " (" + why + ")",
        "for example `" + KubernetesNames.suggest(value) + "`"));
  }

  Optional<BigDecimal> quantity(String path, String value, String example) {
    Optional<BigDecimal> parsed = Quantities.parse(value);
    if (parsed.isEmpty()) {
      error(path, "`" + path + "` is `" + value + "`, which is not a Kubernetes quantity",
          Quantities.suggest(value).map(s -> "write `" + s + "`").orElse("write it like " + example));
    } else if (parsed.get().signum() <= 0) {
      error(path, "`" + path + "` is `" + value + "`, but it must be positive", "write it like " + example);
      return Optional.empty();
    }
    return parsed;
  }
}
