package dev.haguard.analysis.etcd;

import dev.haguard.snapshot.PodFacts;
import dev.haguard.api.v1alpha1.ObjectRef;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.EtcdObservation;
import dev.haguard.snapshot.EtcdObservation.Member;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.Pod;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Pairs the members etcd reported with the etcd Pods the snapshot shows. A pod runs a member when
 * the member is named after the pod's node (kubeadm's {@code --name=<node>}) or when a peer URL's
 * host is the pod's IP, its host IP, its node's name or one of its node's addresses.
 */
public final class EtcdMemberPods {
  private final Map<String, Pod> podByMemberId = new HashMap<>();
  private final List<Pod> podsWithoutMember = new ArrayList<>();

  private EtcdMemberPods(EtcdObservation probe, List<Pod> pods, ClusterSnapshot snapshot) {
    for (Pod pod : pods) {
      Set<String> names = namesOf(pod, snapshot);
      Optional<Member> member = probe.members().stream()
          .filter(m -> !podByMemberId.containsKey(m.id()))
          .filter(m -> names.contains(m.name()) || m.peerUrls().stream().map(EtcdMemberPods::host).anyMatch(names::contains))
          .findFirst();
      if (member.isPresent()) {
        podByMemberId.put(member.get().id(), pod);
      } else {
        podsWithoutMember.add(pod);
      }
    }
  }

  public static EtcdMemberPods of(EtcdObservation probe, List<Pod> pods, ClusterSnapshot snapshot) {
    return new EtcdMemberPods(probe, pods, snapshot);
  }

  public Optional<Pod> podOf(Member member) {
    return Optional.ofNullable(podByMemberId.get(member.id()));
  }

  /** etcd Pods that match no member of the member list. */
  public List<Pod> podsWithoutMember() {
    return podsWithoutMember;
  }

  /** What a finding about {@code member} names: its Pod, else {@code EtcdMember/<name or id>}. */
  public ObjectRef ref(Member member) {
    return podOf(member).map(ObjectRef::of).orElseGet(() -> new ObjectRef(null, "EtcdMember", null, member.displayName()));
  }

  private static Set<String> namesOf(Pod pod, ClusterSnapshot snapshot) {
    Set<String> names = new HashSet<>();
    String nodeName = PodFacts.nodeName(pod);
    if (nodeName != null) {
      names.add(nodeName);
      snapshot.node(nodeName)
          .filter(n -> n.getStatus() != null && n.getStatus().getAddresses() != null)
          .ifPresent(n -> n.getStatus().getAddresses().stream().map(NodeAddress::getAddress).forEach(names::add));
    }
    if (pod.getStatus() != null) {
      if (pod.getStatus().getPodIP() != null) {
        names.add(pod.getStatus().getPodIP());
      }
      if (pod.getStatus().getHostIP() != null) {
        names.add(pod.getStatus().getHostIP());
      }
    }
    names.remove("");
    return names;
  }

  private static String host(String url) {
    try {
      String host = URI.create(url).getHost();
      // URI keeps the brackets of an IPv6 literal; pod and node addresses have none.
      return host == null ? "" : host.replace("[", "").replace("]", "");
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
