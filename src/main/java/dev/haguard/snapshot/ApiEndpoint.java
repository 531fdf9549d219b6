package dev.haguard.snapshot;

import java.util.List;

/**
 * The apiserver endpoint clients use, read from cluster-info's kubeconfig, and what its host
 * resolved to.
 *
 * @param server    the server URL, e.g. {@code https://k8s.example.com:6443}
 * @param host      its host name or IP literal
 * @param addresses the IP addresses the host resolved to (the literal itself for an IP)
 * @param error     why resolution failed, or null
 */
public record ApiEndpoint(String server, String host, List<String> addresses, String error) {}
