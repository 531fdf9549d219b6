package dev.haguard.cli.pin;

import dev.haguard.input.YamlInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * One YAML manifest file (any number of documents) and the container images written in it.
 * Pinning edits only the images' characters, so comments, ordering, quoting and every other
 * document stay exactly as they were.
 */
public final class ManifestFile {
  private final Path path;
  private final String text;
  private final List<ImageSite> sites;
  private final List<NonStringImage> nonStringImages;
  private final boolean holdsKubernetesObjects;

  private ManifestFile(Path path, String text, List<ImageSite> sites, List<NonStringImage> nonStringImages,
                       boolean holdsKubernetesObjects) {
    this.path = path;
    this.text = text;
    this.sites = List.copyOf(sites);
    this.nonStringImages = List.copyOf(nonStringImages);
    this.holdsKubernetesObjects = holdsKubernetesObjects;
  }

  /**
   * Reads and parses {@code path}.
   *
   * @throws PinInputException when the file is missing or unreadable, is not valid YAML or nests deeper than
   *     {@link YamlInput#MAX_DEPTH} (naming the line)
   */
  public static ManifestFile read(Path path) throws PinInputException {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new PinInputException(path + ": no such file");
    } catch (IOException e) {
      throw new PinInputException(path + ": cannot read: " + FileErrors.reason(e));
    }
    CharOffsets offsets = new CharOffsets(text);
    List<ImageSite> sites = new ArrayList<>();
    List<NonStringImage> nonStringImages = new ArrayList<>();
    boolean holdsKubernetesObjects = false;
    try {
      int document = 0;
      LoadSettings settings = YamlInput.settings(path.toString(), text.length() + 1);
      Composer composer = new Composer(settings,
          new DepthBoundedParser(new ParserImpl(settings, new StreamReader(settings, text))));
      while (composer.hasNext()) {
        Node root = composer.next();
        document++;
        holdsKubernetesObjects |= ImageLocator.isKubernetesObject(root);
        ImageLocator.find(root, document, text, offsets, sites, nonStringImages);
      }
    } catch (MarkedYamlEngineException e) {
      String line = e.getProblemMark().or(e::getContextMark).map(m -> ":" + (m.getLine() + 1)).orElse("");
      throw new PinInputException(path + line + ": not valid YAML: " + e.getProblem());
    } catch (YamlEngineException e) {
      throw new PinInputException(path + ": not valid YAML: " + e.getMessage());
    } catch (DepthBoundedParser.TooDeepException e) {
      throw new PinInputException(path + ":" + e.line() + ": " + e.getMessage());
    } catch (StackOverflowError e) { // within the bound, on a thread with a small stack: still the input's fault
      throw new PinInputException(path + ": nested too deeply to read (more than the thread's stack holds)");
    }
    sites.sort(Comparator.comparingInt(ImageSite::start));
    return new ManifestFile(path, text, sites, nonStringImages, holdsKubernetesObjects);
  }

  public Path path() {
    return path;
  }

  public String text() {
    return text;
  }

  /** The images written in the file, in file order (an anchored image aliased elsewhere counts once). */
  public List<ImageSite> sites() {
    return sites;
  }

  /** Whether some document of the file is a Kubernetes object (a mapping with a kind), pinnable or not. */
  boolean holdsKubernetesObjects() {
    return holdsKubernetesObjects;
  }

  /** The containers whose image is not a string, which pin cannot pin. */
  List<NonStringImage> nonStringImages() {
    return nonStringImages;
  }

  /** The file's text with each site in {@code pinned} replaced by its new value, everything else untouched. */
  public String edited(Map<ImageSite, String> pinned) {
    StringBuilder out = new StringBuilder(text.length() + 80 * pinned.size());
    int copied = 0;
    for (ImageSite site : sites) {
      String value = pinned.get(site);
      if (value != null) {
        out.append(text, copied, site.start()).append(site.render(value));
        copied = site.end();
      }
    }
    return out.append(text, copied, text.length()).toString();
  }

  /** Converts snakeyaml's code-point indexes to String (UTF-16) offsets. */
  static final class CharOffsets {
    private final String text;
    private final boolean sameIndexes;

    CharOffsets(String text) {
      this.text = text;
      this.sameIndexes = text.codePointCount(0, text.length()) == text.length();
    }

    int of(Mark mark) {
      return sameIndexes ? mark.getIndex() : text.offsetByCodePoints(0, mark.getIndex());
    }
  }
}
