package io.sqledge.config;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes resource quantities ({@code 8Gi}, {@code 500M}, {@code 1.5e9}), parsed with the API
 * server's grammar so that what passes here passes there.
 */
public final class Quantities {

  private static final Pattern QUANTITY =
      Pattern.compile(
          "([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?");

  private static final Map<String, BigDecimal> MULTIPLIERS =
      Map.ofEntries(
          Map.entry("", BigDecimal.ONE),
          Map.entry("m", new BigDecimal("0.001")),
          Map.entry("k", BigDecimal.TEN.pow(3)),
          Map.entry("M", BigDecimal.TEN.pow(6)),
          Map.entry("G", BigDecimal.TEN.pow(9)),
          Map.entry("T", BigDecimal.TEN.pow(12)),
          Map.entry("P", BigDecimal.TEN.pow(15)),
          Map.entry("E", BigDecimal.TEN.pow(18)),
          Map.entry("Ki", BigDecimal.valueOf(1024)),
          Map.entry("Mi", BigDecimal.valueOf(1024).pow(2)),
          Map.entry("Gi", BigDecimal.valueOf(1024).pow(3)),
          Map.entry("Ti", BigDecimal.valueOf(1024).pow(4)),
          Map.entry("Pi", BigDecimal.valueOf(1024).pow(5)),
          Map.entry("Ei", BigDecimal.valueOf(1024).pow(6)));

  private static final Pattern NEAR_MISS =
      Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([kKmMgGtTpPeE])(?:i?[bB]|[iI])?\\s*");

  private Quantities() {}

  /** The quantity's value (bytes, for storage), or empty if it is not a Kubernetes quantity. */
  public static Optional<BigDecimal> parse(String text) {
    Matcher matcher = QUANTITY.matcher(text);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    BigDecimal number = new BigDecimal(matcher.group(1));
    String suffix = matcher.group(2) == null ? "" : matcher.group(2);
    if (suffix.startsWith("e") || suffix.startsWith("E")) {
      return Optional.of(number.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1))));
    }
    return Optional.of(number.multiply(MULTIPLIERS.get(suffix)));
  }

  /**
   * What the user probably meant by an invalid quantity: {@code 8Gb}, {@code 8GB}, {@code 8 GiB}
   * and {@code 8g} all become {@code 8Gi}.
   */
  public static Optional<String> suggest(String text) {
    Matcher matcher = NEAR_MISS.matcher(text);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    String unit = matcher.group(2).toUpperCase(Locale.ROOT);
    return Optional.of(matcher.group(1) + unit + "i");
  }
}
