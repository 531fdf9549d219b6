package dev.haguard.image;

/**
 * One platform of a multi-arch image index ({@code manifests[].platform}).
 *
 * @param os           e.g. {@code linux}
 * @param architecture e.g. {@code amd64}, {@code arm64}; compared with a node's {@code kubernetes.io/arch}
 * @param variant      e.g. {@code v8}, or null
 */
public record Platform(String os, String architecture, String variant) {}
