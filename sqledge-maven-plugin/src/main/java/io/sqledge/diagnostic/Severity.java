package io.sqledge.diagnostic;

/** How much a problem matters: an error stops the build, a warning is only logged. */
public enum Severity {
  ERROR,
  WARNING
}
