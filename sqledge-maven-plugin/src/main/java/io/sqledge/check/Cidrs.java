package io.sqledge.check;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * CIDR notation for IPv4 and IPv6 networks, as {@code loadBalancerSourceRanges} and a
 * NetworkPolicy's {@code ipBlock} take them. IPv4 is held to the dotted quad the API server wants
 * (the JDK would also take {@code 10.1}); IPv6 in all its forms ({@code ::}, embedded IPv4, upper
 * case) is left to the JDK's literal parser, which never asks DNS for a text of hex digits, colons
 * and dots.
 *
 * <p>Leading zeros ({@code 010.0.0.0/8}) are taken, as every API server of the targeted range
 * takes them in these fields (the "legacy" IP fields, parsed by k8s.io/utils/net's
 * ParseCIDRSloppy, which reads each part as a decimal number; measured on 1.34 by
 * FragmentDifferentialTest); {@link #hasLeadingZeros} lets the checks warn, since KEP-4858's
 * StrictIPCIDRValidation refuses them in new objects once enabled.
 */
final class Cidrs {

  private static final String OCTET = "0*(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
  private static final Pattern IPV4 = Pattern.compile("(" + OCTET + "\\.){3}" + OCTET);
  private static final Pattern LEADING_ZERO = Pattern.compile("(^|\\.)0\\d");
  private static final Pattern IPV6_TEXT = Pattern.compile("(?=.*:)[0-9a-fA-F:][0-9a-fA-F:.]*");
  private static final Pattern PREFIX = Pattern.compile("0|[1-9]\\d{0,2}");

  private Cidrs() {}

  /** A single IPv4 or IPv6 address. */
  static boolean isAddress(String text) {
    return IPV4.matcher(text).matches() || isIpv6(text);
  }

  static boolean isCidr(String text) {
    int slash = text.indexOf('/');
    if (slash < 0 || !PREFIX.matcher(text.substring(slash + 1)).matches()) {
      return false;
    }
    String address = text.substring(0, slash);
    int bits = Integer.parseInt(text.substring(slash + 1));
    if (IPV4.matcher(address).matches()) {
      return bits <= 32;
    }
    return isIpv6(address) && bits <= 128;
  }

  /**
   * Whether {@code inner} is a strict subset of {@code outer}, both valid CIDRs: the same family,
   * a longer prefix, and its network inside the outer one. This is how ValidateIPBlock judges an
   * {@code except} (pkg/apis/networking/validation/validation.go: the outer network contains the
   * inner network's address, and its mask is shorter).
   */
  static boolean strictlyWithin(String inner, String outer) {
    byte[] in = address(inner);
    byte[] out = address(outer);
    int inBits = prefix(inner);
    int outBits = prefix(outer);
    if (in.length != out.length || inBits <= outBits) {
      return false;
    }
    for (int bit = 0; bit < outBits; bit++) {
      int mask = 0x80 >>> (bit % 8);
      if ((in[bit / 8] & mask) != (out[bit / 8] & mask)) {
        return false;
      }
    }
    return true;
  }

  /** Whether an IPv4 address or network is written with a part that has a leading zero. */
  static boolean hasLeadingZeros(String text) {
    String address = text.contains("/") ? text.substring(0, text.indexOf('/')) : text;
    return IPV4.matcher(address).matches() && LEADING_ZERO.matcher(address).find();
  }

  /** Warns at {@code path} when {@code text} is an IPv4 address or network with leading zeros. */
  static void warnLeadingZeros(Rules rules, String path, String text) {
    if (hasLeadingZeros(text)) {
      String canonical = canonical(text);
      rules.warning(path, "`" + text + "` has a part with a leading zero: Kubernetes reads it as"
              + " `" + canonical + "` (decimal, not octal), and refuses it in new objects where"
              + " strict IP validation (KEP-4858) is on",
          "write `" + canonical + "`");
    }
  }

  /** An IPv4 address or network without leading zeros. */
  private static String canonical(String text) {
    int slash = text.indexOf('/');
    String address = slash < 0 ? text : text.substring(0, slash);
    StringBuilder out = new StringBuilder();
    for (String part : address.split("\\.")) {
      out.append(out.length() == 0 ? "" : ".").append(Integer.parseInt(part));
    }
    return out + (slash < 0 ? "" : text.substring(slash));
  }

  private static byte[] address(String cidr) {
    String address = cidr.substring(0, cidr.indexOf('/'));
    if (IPV4.matcher(address).matches()) {
      // Each part as the decimal number the API server reads (the JDK's reading of a leading zero
      // is not the server's).
      byte[] bytes = new byte[4];
      String[] parts = address.split("\\.");
      for (int i = 0; i < 4; i++) {
        bytes[i] = (byte) Integer.parseInt(parts[i]);
      }
      return bytes;
    }
    try {
      return InetAddress.getByName(address).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not a CIDR: checked by isCidr first", e);
    }
  }

  private static int prefix(String cidr) {
    return Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
  }

  private static boolean isIpv6(String text) {
    if (!IPV6_TEXT.matcher(text).matches()) {
      return false;
    }
    try {
      InetAddress.getByName(text); // a literal (it starts with a hex digit or ':'): no DNS
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
