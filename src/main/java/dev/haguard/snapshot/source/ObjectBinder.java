package dev.haguard.snapshot.source;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haguard.snapshot.source.ObjectStream.Tokenized;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Binds the objects of one token stream to fabric8's model classes while the stream is still being
 * read: {@link ObjectStream} tokenizes on a thread of its own and hands objects over in small
 * batches through a bounded queue; the calling thread binds them, in the order of the stream, and
 * hands them to the sink. Binding costs about twice the tokenizing, so the two overlap on two
 * cores. The first error in stream order is the one reported, whichever thread met it.
 */
final class ObjectBinder {
  private static final int BATCH = 64;
  private static final int QUEUED_BATCHES = 32;

  private final ObjectMapper mapper;
  private final String source;
  private final String format;

  /**
   * @param mapper the mapper fabric8's KubernetesSerialization configured, to bind model classes
   * @param source the file name used in error messages
   * @param format {@code JSON} or {@code YAML}, for error messages
   */
  ObjectBinder(ObjectMapper mapper, String source, String format) {
    this.mapper = mapper;
    this.source = source;
    this.format = format;
  }

  /** Reads the whole stream, handing every object of a kind the analysis reads to {@code sink}. */
  void readAll(JsonParser parser, Consumer<HasMetadata> sink) throws SnapshotInputException {
    BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
    Thread reader = new Thread(() -> tokenize(parser, queue), "haguard-reader " + source);
    reader.setDaemon(true);
    reader.start();
    boolean allTaken = false;
    try {
      Batch batch;
      do {
        batch = take(queue);
        for (Tokenized object : batch.objects()) {
          sink.accept(bind(object));
        }
      } while (!batch.end());
      allTaken = true;
      if (batch.failure() instanceof SnapshotInputException e) {
        throw e;
      } else if (batch.failure() != null) {
        throw new IllegalStateException("reading " + source + " failed", batch.failure());
      }
    } finally {
      if (!allTaken) {
        reader.interrupt(); // binding failed: the reader may be waiting for room in the queue
      }
      joinQuietly(reader);
    }
  }

  private void tokenize(JsonParser parser, BlockingQueue<Batch> queue) {
    List<Tokenized> objects = new ArrayList<>(BATCH);
    try {
      new ObjectStream(source, format).readAll(parser, object -> {
        objects.add(object);
        if (objects.size() == BATCH) {
          put(queue, new Batch(List.copyOf(objects), false, null));
          objects.clear();
        }
      });
      put(queue, new Batch(objects, true, null));
    } catch (StopReading e) {
      // the binding thread failed and no longer takes
    } catch (SnapshotInputException | RuntimeException | Error e) {
      put(queue, new Batch(objects, true, e));
    }
  }

  private HasMetadata bind(Tokenized object) throws SnapshotInputException {
    try (JsonParser tokens = object.tokens().asParser()) {
      tokens.nextToken();
      return mapper.readValue(tokens, object.type());
    } catch (JsonMappingException e) {
      throw cannotBeRead(object, describe(e));
    } catch (IllegalArgumentException | IllegalStateException e) {
      // a model class's own deserializer refusing a value: still this object's fault, not haguard's
      throw cannotBeRead(object, e.getMessage());
    } catch (IOException e) {
      throw new SnapshotInputException(source, object.location(), "cannot read: " + e.getMessage());
    }
  }

  private SnapshotInputException cannotBeRead(Tokenized object, String problem) {
    return new SnapshotInputException(source, object.location(), object.kind() + " cannot be read: " + problem);
  }

  /** The field path and the problem, e.g. {@code spec.replicas: cannot read "three" as int}. */
  private static String describe(JsonMappingException e) {
    String path = e.getPath().stream()
        .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining());
    String field = path.startsWith(".") ? path.substring(1) : path;
    return (field.isEmpty() ? "" : field + ": ") + ParseErrors.firstLine(e.getOriginalMessage());
  }

  private static void put(BlockingQueue<Batch> queue, Batch batch) {
    try {
      queue.put(batch);
    } catch (InterruptedException e) {
      throw new StopReading();
    }
  }

  private static Batch take(BlockingQueue<Batch> queue) {
    try {
      return queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading", e);
    }
  }

  private static void joinQuietly(Thread reader) {
    try {
      reader.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Objects in stream order; the last batch says so, with the reader's error if it met one. */
  private record Batch(List<Tokenized> objects, boolean end, Throwable failure) {}

  /** Unwinds the reader when the binding thread has stopped taking. */
  private static final class StopReading extends RuntimeException {
    StopReading() {
      super(null, null, false, false);
    }
  }
}
