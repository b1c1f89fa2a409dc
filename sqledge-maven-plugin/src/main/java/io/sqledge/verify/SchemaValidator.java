package io.sqledge.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.schema.validator.ValidationMessage;
import io.fabric8.kubernetes.schema.validator.Validator;
import java.util.List;

/**
 * Validates documents against the Kubernetes OpenAPI schema with fabric8's
 * kubernetes-model-validator: unknown fields, wrong types and missing required fields are errors.
 *
 * <p>Loading the schema is costly (seconds), so one validator is shared by the whole JVM and built
 * on first use; Maven reuses the plugin's class loader across the modules of a build.
 */
final class SchemaValidator {

  private SchemaValidator() {}

  private static final class Holder {
    static final Validator VALIDATOR = Validator.newInstance();
  }

  /** The schema errors of {@code document}; empty when it is valid. */
  static List<String> errors(JsonNode document) {
    return Holder.VALIDATOR.validate(document).getMessages().stream()
        .filter(message -> message.getLevel() == ValidationMessage.Level.ERROR)
        .filter(message -> !isIntegerForIntOrString(message))
        .map(ValidationMessage::getMessage)
        .toList();
  }

  /**
   * The OpenAPI document types IntOrString (a port, {@code maxUnavailable}) as a string with the
   * format int-or-string, so the validator refuses the integers Kubernetes accepts there.
   */
  static boolean isIntegerForIntOrString(ValidationMessage message) {
    return String.valueOf(message.getSchema()).endsWith("intstr.IntOrString")
        && String.valueOf(message.getMessage()).contains("Instance type (integer)");
  }
}
