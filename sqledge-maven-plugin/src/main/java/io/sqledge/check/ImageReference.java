package io.sqledge.check;

import io.sqledge.diagnostic.Problem;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image reference as the kubelet parses it before it pulls (the container runtimes use
 * github.com/distribution/reference's ParseNormalizedNamed): the API server takes any text without
 * surrounding spaces, but a reference this grammar refuses leaves the pod in InvalidImageName.
 *
 * <pre>
 * reference  := name [ ":" tag ] [ "@" digest ]
 * name       := [ domain "/" ] path-component ( "/" path-component )*     at most 255 characters
 * domain     := domain-component ( "." domain-component )* [ ":" port ]   (or "[" IPv6 "]")
 * path-component := [a-z0-9]+ ( ( "." | "_" | "__" | "-"+ ) [a-z0-9]+ )*  lower case only
 * tag        := [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}
 * digest     := algorithm ":" encoded      sha256 (64), sha384 (96) or sha512 (128) lower-case hex
 * </pre>
 *
 * The first component is a domain only when it holds a '.' or a ':', or is {@code localhost}, or
 * has an upper-case letter (reference.splitDockerDomain); a domain may be in any case.
 */
final class ImageReference {

  private static final Pattern DOMAIN = Pattern.compile(
      "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
          + "(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?"
          + "|\\[[0-9a-fA-F:.]+](?::[0-9]+)?");
  private static final Pattern PATH_COMPONENT =
      Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern DIGEST = Pattern.compile(
      "sha256:[a-f0-9]{64}|sha384:[a-f0-9]{96}|sha512:[a-f0-9]{128}");
  static final int NAME_MAX = 255;

  private ImageReference() {}

  /** An error at {@code path} when the kubelet would refuse {@code image}, whose pod is {@code whose}. */
  static void check(Rules rules, String path, String image, String whose) {
    problem(image).ifPresent(why -> rules.error(path, "the kubelet cannot parse the image"
            + " reference `" + Problem.shorten(image) + "`: " + why + "; " + whose + " would"
            + " never start (InvalidImageName)",
        "write it as `registry/repository:tag` or `registry/repository@sha256:<64 hex"
            + " digits>`, the repository in lower case"));
  }

  /** Why the kubelet would refuse {@code image}; empty when it parses. */
  static Optional<String> problem(String image) {
    String rest = image;
    int at = rest.indexOf('@');
    if (at >= 0) {
      String digest = rest.substring(at + 1);
      if (!DIGEST.matcher(digest).matches()) {
        return Optional.of("its digest is not `sha256:` and 64 lower-case hex digits (or sha384,"
            + " sha512)");
      }
      rest = rest.substring(0, at);
    }
    int slash = rest.lastIndexOf('/');
    int colon = rest.lastIndexOf(':');
    if (colon > slash) {
      String tag = rest.substring(colon + 1);
      if (tag.length() > 128) {
        return Optional.of("its tag has " + tag.length() + " characters; at most 128");
      }
      if (!TAG.matcher(tag).matches()) {
        return Optional.of("its tag must be letters, digits, '_', '.' and '-', not starting with"
            + " '.' or '-'");
      }
      rest = rest.substring(0, colon);
    }
    if (rest.length() > NAME_MAX) {
      return Optional.of("its name has " + rest.length() + " characters; at most " + NAME_MAX);
    }
    String[] parts = rest.split("/", -1);
    int first = 0;
    if (parts.length > 1 && isDomain(parts[0])) {
      if (!DOMAIN.matcher(parts[0]).matches()) {
        return Optional.of("`" + parts[0] + "` is not a registry host");
      }
      first = 1;
    }
    for (int i = first; i < parts.length; i++) {
      String part = parts[i];
      if (part.isEmpty()) {
        return Optional.of("it has an empty path component (`//`, or a '/' at an end)");
      }
      if (!part.equals(part.toLowerCase(Locale.ROOT))) {
        return Optional.of("its repository `" + part + "` has upper-case letters; only the"
            + " registry host may");
      }
      if (!PATH_COMPONENT.matcher(part).matches()) {
        return Optional.of("its repository `" + part + "` must be lower-case letters and digits,"
            + " separated by '.', '_', '__' or '-'");
      }
    }
    return Optional.empty();
  }

  /** reference.splitDockerDomain: what makes the first component a registry host. */
  private static boolean isDomain(String component) {
    return component.contains(".") || component.contains(":") || component.equals("localhost")
        || !component.equals(component.toLowerCase(Locale.ROOT));
  }
}
