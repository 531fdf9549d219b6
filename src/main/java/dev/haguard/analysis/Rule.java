package dev.haguard.analysis;

/**
 * One check of the catalogue. A rule reads the context (snapshot, policy, shared views) and
 * reports findings; it never calls a client, a registry or etcd.
 */
public interface Rule {
  void evaluate(AnalysisContext context, Findings findings);
}
