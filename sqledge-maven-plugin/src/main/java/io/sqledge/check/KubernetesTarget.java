package io.sqledge.check;

/**
 * The Kubernetes versions the output targets: the API schema the build checks against is 1.34's
 * (fabric8 7.5.2), and the tests run a 1.34 API server; the oldest version is the oldest minor
 * that a major managed platform still supports. Where a rule changed across this range, the build
 * follows the oldest version, so that what it accepts every targeted cluster accepts:
 *
 * <ul>
 *   <li>environment variable names: any printable ASCII but '=' since KEP-4369
 *       (RelaxedEnvironmentVariableValidation, on by default from 1.32, GA in 1.34); before,
 *       letters, digits, '_', '-' and '.', not starting with a digit;
 *   <li>IPv4 with leading zeros in the legacy IP fields: every version of the range takes them
 *       (measured on 1.34); KEP-4858's strict validation, which refuses them, is off by default.
 * </ul>
 */
final class KubernetesTarget {

  static final String OLDEST = "1.30";
  static final String NEWEST = "1.34";

  private KubernetesTarget() {}
}
