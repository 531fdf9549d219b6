package dev.haguard.remediation;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Wraps the real {@link WorkloadApi} to count calls and to inject faults: a concurrent writer after a
 * read (which turns the next guarded write into a real 409), or an operator kill after a number of
 * writes (every call after it fails, as if the process were gone; optionally the last write reaches
 * the server but its answer is lost).
 */
final class ScriptedWorkloadApi implements WorkloadApi {
  /** The operator process is gone: this call, and every later one, never happens. */
  static final class OperatorKilled extends RuntimeException {
    OperatorKilled() {
      super("operator killed (test)");
    }
  }

  private final WorkloadApi delegate;
  private final int killAfterWrites;
  private final boolean lastAnswerLost;
  private Runnable afterRead = () -> {};
  private Runnable afterWrite = () -> {};
  private int writes;
  private int conflicts;
  private boolean killed;

  ScriptedWorkloadApi(WorkloadApi delegate) {
    this(delegate, Integer.MAX_VALUE, false);
  }

  ScriptedWorkloadApi(WorkloadApi delegate, int killAfterWrites, boolean lastAnswerLost) {
    this.delegate = delegate;
    this.killAfterWrites = killAfterWrites;
    this.lastAnswerLost = lastAnswerLost;
  }

  ScriptedWorkloadApi afterRead(Runnable hook) {
    this.afterRead = hook;
    return this;
  }

  ScriptedWorkloadApi afterWrite(Runnable hook) {
    this.afterWrite = hook;
    return this;
  }

  int writes() {
    return writes;
  }

  int conflicts() {
    return conflicts;
  }

  boolean killed() {
    return killed;
  }

  @Override
  public <T extends HasMetadata> Optional<T> get(Class<T> kind, String namespace, String name) {
    return read(() -> delegate.get(kind, namespace, name));
  }

  @Override
  public List<Deployment> replacements(String namespace) {
    return read(() -> delegate.replacements(namespace));
  }

  @Override
  public List<Pod> pods(String namespace, String key, String value) {
    return read(() -> delegate.pods(namespace, key, value));
  }

  @Override
  public Deployment create(Deployment deployment) {
    return write(() -> delegate.create(deployment));
  }

  @Override
  public void patch(Class<? extends HasMetadata> kind, String namespace, String name, JsonPatch patch) {
    write(() -> {
      delegate.patch(kind, namespace, name, patch);
      return null;
    });
  }

  @Override
  public void delete(Class<? extends HasMetadata> kind, String namespace, String name, Long gracePeriodSeconds) {
    write(() -> {
      delegate.delete(kind, namespace, name, gracePeriodSeconds);
      return null;
    });
  }

  private <T> T read(Supplier<T> call) {
    if (killed) {
      throw new OperatorKilled();
    }
    T result = call.get();
    afterRead.run();
    return result;
  }

  private <T> T write(Supplier<T> call) {
    if (killed) {
      throw new OperatorKilled();
    }
    if (writes == killAfterWrites) {
      killed = true;
      if (lastAnswerLost) {
        runCounted(call);
      }
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
