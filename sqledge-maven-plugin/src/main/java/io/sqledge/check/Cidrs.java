package io.sqledge.check;

import java.util.regex.Pattern;

/** CIDR notation for IPv4 and IPv6 networks, as {@code loadBalancerSourceRanges} takes them. */
final class Cidrs {

  private static final Pattern IPV4 = Pattern.compile(
      "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)/(3[0-2]|[12]?\\d)");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]+:[0-9a-fA-F:.]*/(12[0-8]|1[01]\\d|[1-9]?\\d)");

  private Cidrs() {}

  /** A single IPv4 or IPv6 address. */
  static boolean isAddress(String text) {
    return text.contains(":") ? isCidr(text + "/128") : isCidr(text + "/32");
  }

  static boolean isCidr(String text) {
    if (IPV4.matcher(text).matches()) {
      return true;
    }
    if (!IPV6.matcher(text).matches()) {
      return false;
    }
    String address = text.substring(0, text.indexOf('/'));
    return address.chars().filter(c -> c == ':').count() <= 7
        && address.split("::", -1).length <= 2;
  }
}
