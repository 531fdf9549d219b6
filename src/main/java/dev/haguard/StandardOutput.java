package dev.haguard;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;

/**
 * picocli's {@code out} on standard output, as picocli builds its own (buffered, flushed on each
 * line), that keeps why a write failed: a PrintWriter swallows the IOException and {@link
 * #checkError()} only says that one happened (a full disk, a closed pipe).
 */
final class StandardOutput extends PrintWriter {
  private final FailureKeeping target;

  StandardOutput(OutputStream stream, Charset charset) {
    this(new FailureKeeping(new OutputStreamWriter(stream, charset)));
  }

  /** Standard output in the charset picocli would write it in: the console's where the JVM says, else the default. */
  static StandardOutput ofProcess() {
    String console = System.getProperty("sun.stdout.encoding");
    Charset charset = console != null && Charset.isSupported(console) ? Charset.forName(console) : Charset.defaultCharset();
    return new StandardOutput(new FileOutputStream(FileDescriptor.out), charset);
  }

  private StandardOutput(FailureKeeping target) {
    super(new BufferedWriter(target), true);
    this.target = target;
  }

  /** The message of the first failed write, or null when none failed (or it said nothing). */
  String failure() {
    return target.failure;
  }

  /**
   * Passes everything on, noting the first IOException before passing it on too. The BufferedWriter
   * in front of it writes arrays of chars and flushes, nothing else.
   */
  private static final class FailureKeeping extends FilterWriter {
    private String failure;

    FailureKeeping(Writer out) {
      super(out);
    }

    @Override
    public void write(char[] buffer, int offset, int length) throws IOException {
      try {
        super.write(buffer, offset, length);
      } catch (IOException e) {
        throw noted(e);
      }
    }

    @Override
    public void flush() throws IOException {
      try {
        super.flush();
      } catch (IOException e) {
        throw noted(e);
      }
    }

    private IOException noted(IOException e) {
      if (failure == null) {
        failure = e.getMessage();
      }
      return e;
    }
  }
}
