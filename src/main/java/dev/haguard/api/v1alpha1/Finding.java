package dev.haguard.api.v1alpha1;

/** One problem haguard found, on one object, with what to do about it. */
public record Finding(String rule, Severity severity, ObjectRef object, String message, String remediation) {}
