package dev.haguard.demo;

import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.CustomResourceAware;
import io.fabric8.kubernetes.client.server.mock.Resetable;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.internal.MockDispatcher;
import io.fabric8.mockwebserver.internal.SimpleRequest;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import java.util.Map;
import java.util.Queue;

/**
 * The embedded API server's dispatcher, as fabric8's mixed CRUD mode works: a response recorded
 * with {@code server.expect()} answers first (tests use it for what the mock lacks, such as
 * SelfSubjectRulesReview), every other request goes to the {@link IndexedCrudDispatcher} store.
 */
final class EmbeddedDispatcher extends Dispatcher implements Resetable, CustomResourceAware {
  private final Map<ServerRequest, Queue<ServerResponse>> expectations;
  private final MockDispatcher recorded;
  private final IndexedCrudDispatcher store = new IndexedCrudDispatcher();

  EmbeddedDispatcher(Map<ServerRequest, Queue<ServerResponse>> expectations) {
    this.expectations = expectations;
    this.recorded = new MockDispatcher(expectations);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    Queue<ServerResponse> expected =
        expectations.get(new SimpleRequest(HttpMethod.valueOf(request.getMethod()), request.getPath()));
    return expected != null && !expected.isEmpty() ? recorded.dispatch(request) : store.dispatch(request);
  }

  @Override
  public void reset() {
    store.reset();
  }

  @Override
  public void expectCustomResource(CustomResourceDefinitionContext context) {
    store.expectCustomResource(context);
  }
}
