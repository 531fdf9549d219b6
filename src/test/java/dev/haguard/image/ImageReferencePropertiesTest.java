package dev.haguard.image;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The parser never fails with anything but its own exception, and what it accepts it reads back. */
class ImageReferencePropertiesTest {

  @Property(tries = 2000)
  void arbitraryStringsParseOrFailWithTheParsersException(@ForAll String image) {
    try {
      ImageReference ref = ImageReference.parse(image);
      assertThat(ref.original()).isEqualTo(image);
    } catch (InvalidImageReferenceException e) {
      assertThat(e.getMessage()).isNotBlank();
      assertThat(e.image()).isEqualTo(image);
    }
  }

  @Property(tries = 2000)
  void imageLikeStringsParseOrFailWithTheParsersException(@ForAll("imageLike") String image) {
    try {
      ImageReference.parse(image);
    } catch (InvalidImageReferenceException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Property(tries = 1000)
  void validReferencesRoundTrip(@ForAll("references") Generated g) throws Exception {
    ImageReference ref = ImageReference.parse(g.text());
    assertThat(ref.toString()).isEqualTo(g.text());
    assertThat(ref.tag()).isEqualTo(g.tag());
    assertThat(ref.digest()).isEqualTo(g.digest());
    assertThat(ref.registry()).isEqualTo(g.registry() == null ? "docker.io" : g.registry());
    String expectedRepo = g.registry() == null && !g.path().contains("/") ? "library/" + g.path() : g.path();
    assertThat(ref.repository()).isEqualTo(expectedRepo);
    // What the parser read, written out again, is the same reference.
    ImageReference again = ImageReference.parse(ref.name() + (ref.tag() == null ? "" : ":" + ref.tag())
        + (ref.digest() == null ? "" : "@" + ref.digest()));
    assertThat(again.name()).isEqualTo(ref.name());
    assertThat(again.tag()).isEqualTo(ref.tag());
    assertThat(again.digest()).isEqualTo(ref.digest());
  }

  /** A generated valid reference and the parts it was built from. */
  record Generated(String text, String registry, String path, String tag, String digest) {}

  @Provide
  Arbitrary<String> imageLike() {
    return Arbitraries.strings().withChars("aZ09.-_:/@[]sha256").ofMaxLength(40);
  }

  @Provide
  Arbitrary<Generated> references() {
    Arbitrary<String> alnum = Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(6);
    Arbitrary<String> separator = Arbitraries.of(".", "_", "__", "-", "--");
    Arbitrary<String> component = Combinators.combine(alnum, separator, alnum, Arbitraries.of(true, false))
        .as((a, s, b, joined) -> joined ? a + s + b : a);
    Arbitrary<String> path = component.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("/", l));
    Arbitrary<String> host =
        Arbitraries.of("registry.local", "localhost", "quay.io", "r-1.example.com", "[fd00::1]", "10.0.0.1");
    Arbitrary<String> registry = Combinators.combine(host, Arbitraries.integers().between(1, 65535).injectNull(0.5))
        .as((h, port) -> port == null ? h : h + ":" + port).injectNull(0.4);
    Arbitrary<String> tag = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').numeric()
        .withChars('.', '-', '_').ofMinLength(1).ofMaxLength(20)
        .filter(t -> t.charAt(0) != '.' && t.charAt(0) != '-').injectNull(0.3);
    Arbitrary<String> digest = Arbitraries.strings().withChars("0123456789abcdef").ofLength(64)
        .map(hex -> "sha256:" + hex).injectNull(0.5);
    return Combinators.combine(registry, path, tag, digest).as((r, p, t, d) -> new Generated(
            (r == null ? "" : r + "/") + p + (t == null ? "" : ":" + t) + (d == null ? "" : "@" + d), r, p, t, d))
        // Without a registry, a first path component with a dot would be read as one (Docker's rule).
        .filter(g -> g.registry() != null || !g.path().contains("/") || !g.path().split("/")[0].contains("."));
  }
}
