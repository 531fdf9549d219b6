package dev.haguard.cli.pin;

import dev.haguard.image.ImageReference;
import dev.haguard.image.InvalidImageReferenceException;
import dev.haguard.registry.RegistryClient;
import dev.haguard.registry.RegistryException;
import dev.haguard.registry.ResolvedDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Pins the images of manifest files (pinScope All: every image without a digest): resolves the
 * unique images once each, concurrently, then edits every site of each.
 */
public final class ImagePinner {
  /** An image left as it was, and why. */
  public record Unresolved(ManifestFile file, int document, String image, String reason) {
    /** {@code FILE: document N: IMAGE: REASON}, the line {@code pin} prints on stderr. */
    @Override
    public String toString() {
      return file.path() + ": document " + document + ": " + image + ": " + reason;
    }
  }

  /**
   * What pinning produced.
   *
   * @param edited     each file's new text, for the files in which something was pinned
   * @param unresolved the images left unchanged, in file order
   */
  public record Result(Map<ManifestFile, String> edited, List<Unresolved> unresolved) {}

  private ImagePinner() {}

  public static Result pin(List<ManifestFile> files, RegistryClient registry) {
    Map<String, CompletableFuture<ResolvedDigest>> answers = new HashMap<>();
    for (ManifestFile file : files) {
      for (ImageSite site : file.sites()) {
        ImageReference.tryParse(site.image()).filter(image -> site.editable() && !image.isPinned())
            .ifPresent(image -> answers.computeIfAbsent(site.image(), s -> registry.resolve(image)));
      }
    }
    CompletableFuture.allOf(answers.values().toArray(CompletableFuture[]::new))
        .exceptionally(someFailed -> null).join();
    Map<ManifestFile, String> edited = new LinkedHashMap<>();
    List<Unresolved> unresolved = new ArrayList<>();
    for (ManifestFile file : files) {
      Map<ImageSite, String> pinned = new HashMap<>();
      for (ImageSite site : file.sites()) {
        String problem = problem(site, answers.get(site.image()));
        if (problem != null) {
          unresolved.add(new Unresolved(file, site.document(), site.image(), problem));
        } else if (answers.containsKey(site.image())) {
          pinned.put(site, answers.get(site.image()).join().pinnedReference());
        }
      }
      if (!pinned.isEmpty()) {
        edited.put(file, file.edited(pinned));
      }
    }
    return new Result(edited, unresolved);
  }

  /** Why {@code site} cannot be pinned, or null when it can (or needs nothing). */
  private static String problem(ImageSite site, CompletableFuture<ResolvedDigest> answer) {
    if (!site.editable()) {
      return "written as a block scalar or with escapes; pin rewrites only plain or simply quoted values";
    }
    try {
      ImageReference.parse(site.image());
    } catch (InvalidImageReferenceException e) {
      return "not a valid image reference: " + e.getMessage();
    }
    if (answer == null) {
      return null;
    }
    try {
      answer.join();
      return null;
    } catch (CompletionException e) {
      RegistryException failure = RegistryClient.failureOf(e);
      return failure.failure().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + failure.getMessage();
    }
  }
}
