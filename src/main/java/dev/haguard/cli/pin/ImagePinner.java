package dev.haguard.cli.pin;

import dev.haguard.image.ImageReference;
import dev.haguard.image.InvalidImageReferenceException;
import dev.haguard.registry.RegistryClient;
import dev.haguard.registry.RegistryException;
import dev.haguard.registry.ResolvedDigest;
import java.util.ArrayList;
import java.util.Comparator;
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
  /**
   * An image left as it was, and why.
   *
   * @param where  {@code FILE: document N: IMAGE}, or for a value that is no string (which has no image to
   *               name) {@code FILE:LINE: document N: container NAME}
   * @param reason why it was not pinned
   */
  public record Unresolved(String where, String reason) {
    /** The line {@code pin} prints on stderr. */
    @Override
    public String toString() {
      return where + ": " + reason;
    }
  }

  /** An unresolved image and where it starts in its file, to report a file's images in their order. */
  private record Placed(int start, Unresolved unresolved) {}

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
      List<Placed> problems = new ArrayList<>();
      for (ImageSite site : file.sites()) {
        String problem = problem(site, answers.get(site.image()));
        if (problem != null) {
          problems.add(new Placed(site.start(), new Unresolved(
              file.path() + ": document " + site.document() + ": " + site.image(), problem)));
        } else if (answers.containsKey(site.image())) {
          pinned.put(site, answers.get(site.image()).join().pinnedReference());
        }
      }
      for (NonStringImage image : file.nonStringImages()) {
        problems.add(new Placed(image.start(), new Unresolved(file.path() + ":" + image.line() + ": document "
            + image.document() + ": " + image.container(), image.reason())));
      }
      problems.stream().sorted(Comparator.comparingInt(Placed::start)).forEach(p -> unresolved.add(p.unresolved()));
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
