package dev.haguard.etcd;

import dev.haguard.snapshot.EtcdObservation;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.etcd.jetcd.cluster.Member;
import io.etcd.jetcd.cluster.MemberListResponse;
import io.etcd.jetcd.maintenance.StatusResponse;
import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.SslContext;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import javax.net.ssl.SSLException;

/**
 * Asks etcd itself, through its v3 gRPC API (jetcd): the member list from any endpoint, then every
 * member's own status, all in parallel, each call bounded by {@code timeout}. It never throws and
 * never blocks for long: whatever fails (no route, TLS, no answer) becomes part of the
 * {@link EtcdObservation}. A member is healthy when it answers and the cluster has a leader.
 */
public final class EtcdProbe {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
  /** etcd's ErrNoLeader, as its status reports it. */
  private static final String NO_LEADER = "etcdserver: no leader";

  private final List<URI> endpoints;
  private final EtcdTls tls;
  private final Duration timeout;

  /** @param tls the client certificate and CA, or null for plain HTTP endpoints (or https with the JDK's CAs) */
  public EtcdProbe(List<URI> endpoints, EtcdTls tls, Duration timeout) {
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("at least one etcd endpoint is needed");
    }
    this.endpoints = List.copyOf(endpoints);
    this.tls = tls;
    this.timeout = timeout;
  }

  public EtcdObservation probe() {
    List<String> asked = endpoints.stream().map(URI::toString).toList();
    SslContext ssl;
    try {
      ssl = sslContext();
    } catch (EtcdTlsException e) {
      return new EtcdObservation(asked, List.of(), null, List.of(e.getMessage()));
    }
    List<Client> clients = new ArrayList<>();
    try {
      for (URI endpoint : endpoints) {
        clients.add(client(endpoint, ssl));
      }
      return observe(asked, clients);
    } catch (RuntimeException e) {
      // A client that cannot even be built (bad URL, TLS set-up) is a failed probe, not a failed reconcile.
      return new EtcdObservation(asked, List.of(), null, List.of("cannot create the etcd client: " + describe(e)));
    } finally {
      clients.forEach(Client::close);
    }
  }

  private EtcdObservation observe(List<String> asked, List<Client> clients) {
    List<String> errors = new ArrayList<>();
    List<CompletableFuture<MemberListResponse>> lists = clients.stream()
        .map(c -> c.getClusterClient().listMember().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS))
        .toList();
    int first = firstAnswer(lists);
    if (first < 0) {
      for (int i = 0; i < lists.size(); i++) {
        List<String> own = new ArrayList<>();
        await(lists.get(i), asked.get(i), own);
        URI endpoint = endpoints.get(i);
        errors.add(TlsHandshake.failure(endpoint, tls, timeout).map(why -> endpoint + ": " + why).orElse(own.get(0)));
      }
      return new EtcdObservation(asked, List.of(), null, errors);
    }
    Client answering = clients.get(first);
    MemberListResponse memberList = lists.get(first).join();
    List<Member> members = memberList.getMembers().stream().sorted(Comparator.comparing(Member::getName)).toList();
    List<CompletableFuture<StatusResponse>> statuses = new ArrayList<>();
    for (Member member : members) {
      statuses.add(member.getClientURIs().isEmpty()
          ? CompletableFuture.failedFuture(new IllegalStateException("no client URL: the member was added but never started"))
          : answering.getMaintenanceClient().statusMember(member.getClientURIs().get(0).toString())
              .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }
    List<Optional<StatusResponse>> answers = new ArrayList<>();
    List<List<String>> memberErrors = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      List<String> own = new ArrayList<>();
      Optional<StatusResponse> status = await(statuses.get(i), "member " + hex(members.get(i).getId()), own);
      status.ifPresent(s -> own.addAll(s.getErrorList()));
      answers.add(status);
      memberErrors.add(own);
      errors.addAll(status.isPresent() ? List.of() : own);
    }
    // The endpoints that did not answer first are reported too; their own timeouts bound the wait.
    for (int i = 0; i < lists.size(); i++) {
      if (i != first) {
        await(lists.get(i), asked.get(i), errors);
      }
    }
    String leader = leaderOf(members, answers);
    List<EtcdObservation.Member> observed = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      observed.add(toMember(members.get(i), answers.get(i), leader, memberErrors.get(i)));
    }
    return new EtcdObservation(asked, observed, leader, errors);
  }

  private static EtcdObservation.Member toMember(
      Member member, Optional<StatusResponse> status, String leader, List<String> errors) {
    String id = hex(member.getId());
    return new EtcdObservation.Member(
        id,
        member.getName(),
        member.getPeerURIs().stream().map(URI::toString).toList(),
        member.getClientURIs().stream().map(URI::toString).toList(),
        member.isLearner(),
        status.isPresent(),
        status.isPresent() && leader != null,
        id.equals(leader),
        status.map(StatusResponse::getRaftTerm).orElse(null),
        status.map(StatusResponse::getRaftIndex).orElse(null),
        status.map(StatusResponse::getDbSize).orElse(null),
        errors);
  }

  /** The index of the first call to succeed, or -1 once every call has failed. */
  private static <T> int firstAnswer(List<CompletableFuture<T>> calls) {
    CompletableFuture<Integer> first = new CompletableFuture<>();
    for (int i = 0; i < calls.size(); i++) {
      int index = i;
      calls.get(i).thenAccept(answer -> first.complete(index));
    }
    // Once all are done, the first success in order (its own callback may not have run yet), else -1.
    CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).whenComplete((done, failure) -> first.complete(
        IntStream.range(0, calls.size()).filter(i -> !calls.get(i).isCompletedExceptionally())
            .findFirst().orElse(-1)));
    return first.join();
  }

  /**
   * The leader named by the voter with the highest raft term, counting only voters that do not
   * also report "no leader": an etcd 3.4 leader cut off from the other voters keeps naming itself
   * (its learners still follow it) while its status errors say it has no leader. Learners' views
   * do not count: they follow whoever sends them heartbeats. Null when no voter knows a leader.
   */
  private static String leaderOf(List<Member> members, List<Optional<StatusResponse>> answers) {
    StatusResponse best = null;
    for (int i = 0; i < members.size(); i++) {
      StatusResponse status = answers.get(i).orElse(null);
      boolean knowsLeader = status != null && status.getLeader() != 0 && !status.getErrorList().contains(NO_LEADER);
      if (!members.get(i).isLearner() && knowsLeader && (best == null || status.getRaftTerm() > best.getRaftTerm())) {
        best = status;
      }
    }
    return best == null ? null : hex(best.getLeader());
  }

  /** Waits for an answer (its own timeout bounds the wait); a failure is described in {@code errors}. */
  private <T> Optional<T> await(CompletableFuture<T> call, String what, List<String> errors) {
    try {
      return Optional.of(call.get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      errors.add(what + ": interrupted");
    } catch (ExecutionException | CompletionException e) {
      errors.add(what + ": " + describe(e.getCause()));
    }
    return Optional.empty();
  }

  private String describe(Throwable failure) {
    if (failure instanceof TimeoutException) {
      return "no answer within " + timeout.toMillis() + " ms";
    }
    return withRootCause(failure);
  }

  /** The failure's message and, when it wraps another, the innermost cause's: what actually went wrong. */
  static String withRootCause(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? "" : ": " + root.getMessage();
    return root == failure ? root.getClass().getSimpleName() + message
        : failure.getMessage() + " (" + root.getClass().getSimpleName() + message + ")";
  }

  private SslContext sslContext() throws EtcdTlsException {
    if (tls != null) {
      return tls.sslContext();
    }
    if (endpoints.stream().noneMatch(e -> "https".equals(e.getScheme()))) {
      return null;
    }
    try {
      return GrpcSslContexts.forClient().build();
    } catch (SSLException e) {
      throw new EtcdTlsException("cannot set up TLS with the JDK's CAs: " + e.getMessage(), e);
    }
  }

  private Client client(URI endpoint, SslContext ssl) {
    ClientBuilder builder = Client.builder()
        .endpoints(endpoint)
        .connectTimeout(timeout)
        // No retries: a retried UNAVAILABLE would hide its cause (e.g. a certificate the CA does not sign) behind the timeout.
        .retryMaxAttempts(0);
    if (ssl != null) {
      builder.sslContext(ssl);
    }
    return builder.build();
  }

  /** Member ids as etcdctl prints them. */
  static String hex(long id) {
    return Long.toHexString(id);
  }
}
