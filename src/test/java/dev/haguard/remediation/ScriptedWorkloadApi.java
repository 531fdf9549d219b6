package dev.haguard.remediation;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Wraps the real {@link WorkloadApi} to count calls and to inject faults: a concurrent writer after a
 * read (which turns the next guarded write into a real 409), or an operator kill at its n-th write
 * (that write and every later call fail, as if the process were gone; or the write reaches the server
 * and only its answer is lost). Killing at a write covers every point between two API calls: a kill
 * between two reads leaves the cluster as a kill before the next write does.
 */
public final class ScriptedWorkloadApi implements WorkloadApi {
  /** The operator process is gone: this call, and every later one, never happens. */
  public static final class OperatorKilled extends RuntimeException {
    public OperatorKilled() {
      super("operator killed (test)");
    }
  }

  private final WorkloadApi delegate;
  private final int killAtWrite;
  private final boolean lastAnswerLost;
  private Runnable afterRead = () -> {};
  private Runnable afterWrite = () -> {};
  private int writes;
  private int conflicts;
  private String killedAt;

  public ScriptedWorkloadApi(WorkloadApi delegate) {
    this(delegate, Integer.MAX_VALUE, false);
  }

  /**
   * @param killAtWrite    the index (0-based) of the write at which the operator dies
   * @param lastAnswerLost whether that write still reaches the server
   */
  public ScriptedWorkloadApi(WorkloadApi delegate, int killAtWrite, boolean lastAnswerLost) {
    this.delegate = delegate;
    this.killAtWrite = killAtWrite;
    this.lastAnswerLost = lastAnswerLost;
  }

  public ScriptedWorkloadApi afterRead(Runnable hook) {
    this.afterRead = hook;
    return this;
  }

  public ScriptedWorkloadApi afterWrite(Runnable hook) {
    this.afterWrite = hook;
    return this;
  }

  public int writes() {
    return writes;
  }

  public int conflicts() {
    return conflicts;
  }

  public boolean killed() {
    return killedAt != null;
  }

  /** The write the operator died at, e.g. {@code "create Deployment (not made)"}; null when not killed. */
  public String killedAt() {
    return killedAt;
  }

  @Override
  public <T extends HasMetadata> Optional<T> get(Class<T> kind, String namespace, String name) {
    return read("get " + kind.getSimpleName(), () -> delegate.get(kind, namespace, name));
  }

  @Override
  public List<Deployment> replacements(String namespace) {
    return read("list Deployments", () -> delegate.replacements(namespace));
  }

  @Override
  public List<Pod> pods(String namespace, String key, String value) {
    return read("list Pods", () -> delegate.pods(namespace, key, value));
  }

  @Override
  public Deployment create(Deployment deployment) {
    return write("create Deployment", () -> delegate.create(deployment));
  }

  @Override
  public void patch(Class<? extends HasMetadata> kind, String namespace, String name, JsonPatch patch) {
    write("patch " + kind.getSimpleName(), () -> {
      delegate.patch(kind, namespace, name, patch);
      return null;
    });
  }

  @Override
  public void delete(Class<? extends HasMetadata> kind, String namespace, String name, Long gracePeriodSeconds) {
    write("delete " + kind.getSimpleName(), () -> {
      delegate.delete(kind, namespace, name, gracePeriodSeconds);
      return null;
    });
  }

  private <T> T read(String name, Supplier<T> call) {
    if (killedAt != null) {
      throw new OperatorKilled();
    }
    T result = call.get();
    afterRead.run();
    return result;
  }

  private <T> T write(String name, Supplier<T> call) {
    if (killedAt == null && writes == killAtWrite) {
      killedAt = name + (lastAnswerLost ? " (made, answer lost)" : " (not made)");
      if (lastAnswerLost) {
        runCounted(call);
      }
    }
    if (killedAt != null) {
      throw new OperatorKilled();
    }
    writes++;
    return runCounted(call);
  }

  private <T> T runCounted(Supplier<T> call) {
    try {
      return call.get();
    } catch (ConflictException e) {
      conflicts++;
      throw e;
    } finally {
      afterWrite.run();
    }
  }
}
