package dev.haguard.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/** Reads an answer's body up to a limit, and gives up (cancelling the stream) as soon as it is passed. */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
  /** The body was larger than the limit. */
  static final class TooLargeException extends IOException {
    TooLargeException(long limit) {
      super("the answer is larger than " + limit + " bytes");
    }
  }

  private final long limit;
  private final long declaredLength;
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();
  private final CompletableFuture<byte[]> body = new CompletableFuture<>();
  private Flow.Subscription subscription;

  BoundedBody(long limit, HttpResponse.ResponseInfo info) {
    this.limit = limit;
    this.declaredLength = info.headers().firstValueAsLong("Content-Length").orElse(-1);
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    if (declaredLength > limit) {
      tooLarge();
    } else {
      subscription.request(Long.MAX_VALUE);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    for (ByteBuffer buffer : buffers) {
      if (body.isDone()) {
        return;
      }
      if (received.size() + (long) buffer.remaining() > limit) {
        tooLarge();
        return;
      }
      byte[] chunk = new byte[buffer.remaining()];
      buffer.get(chunk);
      received.writeBytes(chunk);
    }
  }

  @Override
  public void onError(Throwable error) {
    body.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    body.complete(received.toByteArray());
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return body;
  }

  private void tooLarge() {
    subscription.cancel();
    body.completeExceptionally(new TooLargeException(limit));
  }
}
