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

  /**
   * The largest quantity Kubernetes stores: "no quantity may represent a number greater than
   * 2^63-1 in magnitude"; a larger one is capped by the API server, never what was meant.
   */
  public static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  /** Exponents beyond this make a number far past {@link #MAX} (or far below 1m) anyway. */
  private static final int MAX_EXPONENT = 100;

  private Quantities() {}

  /**
   * The quantity's value (bytes, for storage), or empty if it is not a Kubernetes quantity. The
   * value never has a negative scale, so that integer division rounds as it reads ({@code 5e9}
   * divided by 2^20 is 4768, not 0). A value beyond {@link #MAX} is returned as it is, to be
   * refused by the caller; an exponent too large to compute with counts as just beyond it, one
   * too small as zero.
   */
  public static Optional<BigDecimal> parse(String text) {
    Matcher matcher = QUANTITY.matcher(text);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    BigDecimal number = new BigDecimal(matcher.group(1));
    String suffix = matcher.group(2) == null ? "" : matcher.group(2);
    BigDecimal value;
    if (suffix.startsWith("e") || suffix.startsWith("E")) {
      String exponent = suffix.substring(1);
      boolean negative = exponent.startsWith("-");
      String digits = exponent.replaceFirst("^[+-]", "").replaceFirst("^0+(?=.)", "");
      if (digits.length() > 3 || Integer.parseInt(digits) > MAX_EXPONENT) {
        return Optional.of(negative || number.signum() == 0 ? BigDecimal.ZERO
            : MAX.add(BigDecimal.ONE).multiply(BigDecimal.valueOf(number.signum())));
      }
      value = number.scaleByPowerOfTen((negative ? -1 : 1) * Integer.parseInt(digits));
    } else {
      value = number.multiply(MULTIPLIERS.get(suffix));
    }
    return Optional.of(value.scale() < 0 ? value.setScale(0) : value);
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
