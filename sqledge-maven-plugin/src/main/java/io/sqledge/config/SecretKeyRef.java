package io.sqledge.config;

/** A key of a Kubernetes Secret: how the SA password reaches the container. */
public record SecretKeyRef(String secretName, String secretKey) {}
