package dev.haguard.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Pushes small test images to a registry over the distribution API, as {@code docker push} would:
 * config and layer blobs (POST an upload, PUT it with its digest), then a manifest under a tag, or
 * an OCI image index over per-platform manifests for the multi-arch case.
 */
public final class TestImagePusher {
  private final URI base;
  private final String authorization;
  private final HttpClient http = HttpClient.newHttpClient();

  TestImagePusher(URI base, String authorization) {
    this.base = base;
    this.authorization = authorization;
  }

  /** Pushes a single-platform OCI image under {@code repository:tag}; returns the manifest's digest. */
  public String pushImage(String repository, String tag, String architecture) throws IOException, InterruptedException {
    byte[] manifest = imageManifest(repository, architecture);
    return putManifest(repository, tag, ManifestTypes.OCI_MANIFEST, manifest);
  }

  /** Pushes an OCI image index with one image per architecture under {@code repository:tag}; returns the index's digest. */
  public String pushIndex(String repository, String tag, String... architectures)
      throws IOException, InterruptedException {
    List<String> entries = new ArrayList<>();
    for (String arch : architectures) {
      byte[] manifest = imageManifest(repository, arch);
      String digest = putManifest(repository, ManifestResolver.sha256(manifest), ManifestTypes.OCI_MANIFEST, manifest);
      entries.add("{\"mediaType\":\"" + ManifestTypes.OCI_MANIFEST + "\",\"digest\":\"" + digest + "\",\"size\":"
          + manifest.length + ",\"platform\":{\"os\":\"linux\",\"architecture\":\"" + arch + "\"}}");
    }
    String index = "{\"schemaVersion\":2,\"mediaType\":\"" + ManifestTypes.OCI_INDEX + "\",\"manifests\":["
        + String.join(",", entries) + "]}";
    return putManifest(repository, tag, ManifestTypes.OCI_INDEX, index.getBytes(StandardCharsets.UTF_8));
  }

  private byte[] imageManifest(String repository, String architecture) throws IOException, InterruptedException {
    byte[] layer = ("layer " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
    String layerDigest = uploadBlob(repository, layer);
    byte[] config = ("{\"architecture\":\"" + architecture + "\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\","
        + "\"diff_ids\":[\"" + layerDigest + "\"]}}").getBytes(StandardCharsets.UTF_8);
    String configDigest = uploadBlob(repository, config);
    return ("{\"schemaVersion\":2,\"mediaType\":\"" + ManifestTypes.OCI_MANIFEST + "\","
        + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest
        + "\",\"size\":" + config.length + "},"
        + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + layerDigest
        + "\",\"size\":" + layer.length + "}]}").getBytes(StandardCharsets.UTF_8);
  }

  private String uploadBlob(String repository, byte[] blob) throws IOException, InterruptedException {
    HttpResponse<String> started = send(HttpRequest.newBuilder(base.resolve("/v2/" + repository + "/blobs/uploads/"))
        .POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(started.statusCode()).as("blob upload start: %s", started.body()).isEqualTo(202);
    String location = started.headers().firstValue("Location").orElseThrow();
    String digest = ManifestResolver.sha256(blob);
    URI put = base.resolve(location + (location.contains("?") ? "&" : "?") + "digest=" + digest);
    HttpResponse<String> done = send(HttpRequest.newBuilder(put)
        .header("Content-Type", "application/octet-stream")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(blob)));
    assertThat(done.statusCode()).as("blob upload: %s", done.body()).isEqualTo(201);
    return digest;
  }

  private String putManifest(String repository, String reference, String mediaType, byte[] manifest)
      throws IOException, InterruptedException {
    HttpResponse<String> put = send(HttpRequest.newBuilder(base.resolve("/v2/" + repository + "/manifests/" + reference))
        .header("Content-Type", mediaType)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)));
    assertThat(put.statusCode()).as("manifest put: %s", put.body()).isEqualTo(201);
    return ManifestResolver.sha256(manifest);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
