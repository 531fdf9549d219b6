package dev.haguard.demo;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
import io.fabric8.mockwebserver.http.HttpUrl;
import io.fabric8.mockwebserver.http.MockResponse;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * fabric8's CRUD dispatcher with an index by resource, namespace and name, and LISTs paged by
 * {@code limit} and {@code continue}. The plain dispatcher finds the object of every POST, PUT,
 * PATCH and GET-by-name by matching all stored objects, so at 16k objects it answers about 50
 * patches a second and seeding n objects costs n squared; here a lookup by name reads the index,
 * then checks the few candidates with the dispatcher's own matching. The plain dispatcher also
 * ignores {@code limit}, so an informer's paged first LIST (JOSDK's informer list limit) came back
 * in one response; here it comes in pages. Watches, deletes and unpaged lists are the plain
 * dispatcher's.
 *
 * <p>The index holds every key the dispatcher stores through {@link #processEvent}, the one place
 * objects are written. Should a stored key ever differ from the one computed here, the index stops
 * being used and every lookup scans, as the plain dispatcher does: slower, never wrong.
 */
final class IndexedCrudDispatcher extends KubernetesCrudDispatcher {
  private static final String WATCH = "watch=true";
  private static final int MAX_OPEN_LISTS = 64;
  private static final String EXPIRED = "{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"status\":\"Failure\","
      + "\"reason\":\"Expired\",\"code\":410,\"message\":\"the continue token is unknown or has expired\"}";
  /** The stored value that matches every value in fabric8's attribute matching. */
  private static final String ANY = "*";

  /** Stored keys by resource, namespace and name, in the order the store holds them. */
  private final Map<Identity, Set<AttributeSet>> keys = new ConcurrentHashMap<>();
  private volatile boolean complete = true;
  /** The rest of each paged LIST by its continue token; the oldest are dropped (their token expires). */
  private final Map<String, OpenList> openLists = Collections.synchronizedMap(new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, OpenList> eldest) {
      return size() > MAX_OPEN_LISTS;
    }
  });
  private final AtomicLong pageTokens = new AtomicLong();

  @Override
  public Map.Entry<AttributeSet, String> findResource(AttributeSet query) {
    Identity identity = Identity.of(query);
    if (identity == null || !complete) {
      return super.findResource(query);
    }
    for (AttributeSet key : keys.getOrDefault(identity, Set.of())) {
      String stored = map.get(key);
      if (stored != null && key.matches(query)) {
        return Map.entry(key, stored);
      }
    }
    return null;
  }

  @Override
  public MockResponse handleGet(String path) {
    if (path.contains(WATCH) || !complete) {
      return super.handleGet(path);
    }
    AttributeSet query = getKey(path);
    if (Identity.of(query) != null) {
      Map.Entry<AttributeSet, String> found = findResource(query);
      // Not found: not indexed, or written between the index and the store; the plain dispatcher decides.
      return found == null ? super.handleGet(path)
          : new MockResponse().setResponseCode(HttpURLConnection.HTTP_OK).setBody(found.getValue());
    }
    HttpUrl url = HttpUrl.parse("http://embedded" + path);
    String limit = url.queryParameter("limit");
    return limit == null ? super.handleGet(path) : page(path, query, Integer.parseInt(limit), url.queryParameter("continue"));
  }

  /**
   * One page of a LIST with {@code limit}, as an API server pages it: the first request takes a
   * consistent copy of the matching objects, and each page names the token of the rest. An unknown
   * or evicted token is answered 410 Gone, as an expired one is, and the client lists again.
   */
  private MockResponse page(String path, AttributeSet query, int limit, String token) {
    OpenList list;
    if (token == null) {
      List<String> items = matching(query);
      if (items.isEmpty()) {
        return super.handleGet(path); // an empty list, or the discovery answer for an API group
      }
      // A version newer than every object listed: the informer watches from it.
      list = new OpenList(items, requestResourceVersion());
    } else {
      list = openLists.remove(token);
      if (list == null) {
        return new MockResponse().setResponseCode(HttpURLConnection.HTTP_GONE).setBody(EXPIRED);
      }
    }
    List<String> page = list.items().subList(0, Math.min(limit, list.items().size()));
    String next = "";
    if (list.items().size() > page.size()) {
      next = "page-" + pageTokens.incrementAndGet();
      openLists.put(next, new OpenList(list.items().subList(page.size(), list.items().size()), list.resourceVersion()));
    }
    return new MockResponse().setResponseCode(HttpURLConnection.HTTP_OK).setBody(
        "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[" + String.join(",", page)
            + "],\"metadata\":{\"resourceVersion\":\"" + list.resourceVersion() + "\",\"continue\":\"" + next + "\"}}");
  }

  private List<String> matching(AttributeSet query) {
    List<Map.Entry<AttributeSet, String>> entries;
    synchronized (map) {
      entries = new ArrayList<>(map.entrySet());
    }
    return entries.stream().filter(e -> e.getKey().matches(query)).map(Map.Entry::getValue).toList();
  }

  @Override
  public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes,
      GenericKubernetesResource resource, String newState) {
    super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
    if (oldAttributes != null) {
      forget(oldAttributes);
    }
    if (newState != null) {
      remember(storedKey(pathAttributes, resource, newState));
    }
  }

  @Override
  public void reset() {
    super.reset();
    keys.clear();
    complete = true;
  }

  /** Whether lookups by name still read the index (false once a stored key could not be indexed). */
  boolean usesIndex() {
    return complete;
  }

  /** The key the dispatcher stored {@code newState} under: from the object, plus the path's plural when it has none. */
  private AttributeSet storedKey(AttributeSet pathAttributes, GenericKubernetesResource resource, String newState) {
    KubernetesAttributesExtractor extractor = (KubernetesAttributesExtractor) attributeExtractor;
    AttributeSet key = resource != null ? extractor.extract(resource) : extractor.fromResource(newState);
    return key.containsKey(KubernetesAttributesExtractor.PLURAL) ? key : AttributeSet.merge(pathAttributes, key);
  }

  private void remember(AttributeSet key) {
    Identity identity = Identity.of(key);
    if (identity == null || !map.containsKey(key)) {
      complete = false;
      return;
    }
    keys.compute(identity, (id, known) -> {
      Set<AttributeSet> updated = known == null ? new LinkedHashSet<>() : new LinkedHashSet<>(known);
      updated.add(key);
      return updated;
    });
  }

  private void forget(AttributeSet key) {
    Identity identity = Identity.of(key);
    if (identity != null) {
      keys.computeIfPresent(identity, (id, known) -> {
        Set<AttributeSet> updated = new LinkedHashSet<>(known);
        updated.remove(key);
        return updated.isEmpty() ? null : updated;
      });
    }
  }

  /** What a paged LIST still has to send, and the resource version all its pages carry. */
  private record OpenList(List<String> items, long resourceVersion) {}

  /**
   * What names one object: its resource (plural), namespace (empty when cluster-scoped) and name.
   * None for a query that does not name exactly one (no name, a wildcard, a set-based attribute).
   */
  private record Identity(String plural, String namespace, String name) {
    static Identity of(AttributeSet attributes) {
      String name = exact(attributes.getAttribute(KubernetesAttributesExtractor.NAME));
      String plural = exact(attributes.getAttribute(KubernetesAttributesExtractor.PLURAL));
      Attribute namespace = attributes.getAttribute(KubernetesAttributesExtractor.NAMESPACE);
      String namespaceName = namespace == null ? "" : exact(namespace);
      return name == null || plural == null || namespaceName == null ? null : new Identity(plural, namespaceName, name);
    }

    private static String exact(Attribute attribute) {
      if (attribute == null || attribute.getType() != AttributeType.WITH || attribute.getValues().size() != 1) {
        return null;
      }
      String value = attribute.getValues().get(0).toString();
      return value == null || value.equals(ANY) ? null : value;
    }
  }
}
