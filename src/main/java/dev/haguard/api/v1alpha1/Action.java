package dev.haguard.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One remediation step that Enforce mode takes (or, in Audit mode, would take). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Action(String type, ObjectRef object, String state, String message, String lastTransitionTime) {}
