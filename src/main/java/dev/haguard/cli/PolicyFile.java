package dev.haguard.cli;

import com.fasterxml.jackson.core.exc.StreamReadException;
import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.policy.InvalidPolicyException;
import dev.haguard.policy.Policy;
import dev.haguard.policy.PolicyResolver;
import dev.haguard.snapshot.source.ParseErrors;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads {@code --policy FILE}: one ClusterPolicy in YAML or JSON, read leniently (a spec that
 * does not bind is reported, naming the field) and validated by the same resolver the operator uses.
 */
final class PolicyFile {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final String API_VERSION = HasMetadata.getApiVersion(ClusterPolicy.class);

  private PolicyFile() {}

  static Policy read(Path file) throws BadInputException {
    ClusterPolicy policy = parse(file);
    try {
      return PolicyResolver.resolve(policy);
    } catch (InvalidPolicyException e) {
      throw new BadInputException(file + ": invalid policy: " + e.getMessage());
    }
  }

  private static ClusterPolicy parse(Path file) throws BadInputException {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new BadInputException(file + ": no such file");
    } catch (AccessDeniedException e) {
      throw new BadInputException(file + ": permission denied");
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot read: " + e.getMessage());
    }
    ClusterPolicy policy;
    try {
      policy = SERIALIZATION.unmarshal(text, ClusterPolicy.class);
    } catch (RuntimeException e) {
      throw new BadInputException(file + ": " + describe(e));
    }
    if (policy == null) {
      throw new BadInputException(file + ": empty; expected a ClusterPolicy");
    }
    if (!"ClusterPolicy".equals(policy.getKind()) || !API_VERSION.equals(policy.getApiVersion())) {
      throw new BadInputException(file + ": not a ClusterPolicy of " + API_VERSION + " (found "
          + policy.getKind() + " of " + policy.getApiVersion() + ")");
    }
    return policy;
  }

  /** fabric8 wraps Jackson's errors; the innermost parse or binding error says where. */
  private static String describe(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StreamReadException s) {
        String where = ParseErrors.location(s);
        return (where == null ? "" : where + ": ") + "syntax error: " + ParseErrors.problem(s);
      }
      if (t instanceof com.fasterxml.jackson.databind.JsonMappingException m) {
        return "cannot be read as a ClusterPolicy: " + m.getOriginalMessage().lines().findFirst().orElse("");
      }
    }
    return "cannot be read as a ClusterPolicy: " + e.getMessage();
  }
}
