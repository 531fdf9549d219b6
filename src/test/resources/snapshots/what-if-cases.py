"""The what-if snapshot cases (kubeadm, drain-blocked-min-available, eks-pdbs): run with python3 to rewrite them."""
import yaml, uuid, hashlib, sys, os

def uid(s): return str(uuid.UUID(hashlib.md5(s.encode()).hexdigest()))
RV = [100000]
def rv():
    RV[0] += 7; return str(RV[0])
TS = "2026-11-20T09:14:03Z"

def meta(name, ns=None, labels=None, annotations=None, owner=None, manager="kube-controller-manager"):
    m = {"name": name}
    if ns: m["namespace"] = ns
    m["uid"] = uid((ns or "") + "/" + name)
    m["resourceVersion"] = rv()
    m["creationTimestamp"] = TS
    if labels: m["labels"] = labels
    if annotations: m["annotations"] = annotations
    if owner:
        m["ownerReferences"] = [{"apiVersion": owner[0], "kind": owner[1], "name": owner[2], "uid": uid(owner[3]),
                                 "controller": True, "blockOwnerDeletion": True}]
    m["managedFields"] = [{"apiVersion": "v1", "fieldsType": "FieldsV1", "fieldsV1": {"f:metadata": {"f:labels": {}}},
                           "manager": manager, "operation": "Update", "time": TS}]
    return m

def node(name, zone, cp=False, extra_labels=None, cpu="4", mem="16Gi", provider=None, internal_ip="10.0.0.1"):
    labels = {"beta.kubernetes.io/arch": "amd64", "beta.kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64",
              "kubernetes.io/hostname": name, "kubernetes.io/os": "linux",
              "topology.kubernetes.io/zone": zone, "topology.kubernetes.io/region": zone[:-1]}
    if cp:
        labels["node-role.kubernetes.io/control-plane"] = ""
        labels["node.kubernetes.io/exclude-from-external-load-balancers"] = ""
    labels.update(extra_labels or {})
    spec = {}
    if provider: spec["providerID"] = provider
    if cp: spec["taints"] = [{"effect": "NoSchedule", "key": "node-role.kubernetes.io/control-plane"}]
    return {"apiVersion": "v1", "kind": "Node",
            "metadata": meta(name, labels=labels, annotations={"node.alpha.kubernetes.io/ttl": "0",
                                                                  "volumes.kubernetes.io/controller-managed-attach-detach": "true"}, manager="kubelet"),
            "spec": spec,
            "status": {"addresses": [{"address": internal_ip, "type": "InternalIP"}, {"address": name, "type": "Hostname"}],
                       "allocatable": {"cpu": cpu, "ephemeral-storage": "95551679124", "memory": mem, "pods": "110"},
                       "capacity": {"cpu": cpu, "ephemeral-storage": "103668Mi", "memory": mem, "pods": "110"},
                       "conditions": [{"type": "Ready", "status": "True", "reason": "KubeletReady",
                                       "lastHeartbeatTime": TS, "lastTransitionTime": TS, "message": "kubelet is posting ready status"}],
                       "nodeInfo": {"kubeletVersion": "v1.31.2", "containerRuntimeVersion": "containerd://1.7.22",
                                    "architecture": "amd64", "operatingSystem": "linux"}}}

def ready_status(ip, host_ip, phase="Running", ready=True):
    s = "True" if ready else "False"
    return {"phase": phase, "podIP": ip, "podIPs": [{"ip": ip}], "hostIP": host_ip, "qosClass": "Burstable",
            "startTime": TS,
            "conditions": [{"type": "Initialized", "status": "True", "lastTransitionTime": TS},
                           {"type": "Ready", "status": s, "lastTransitionTime": TS},
                           {"type": "ContainersReady", "status": s, "lastTransitionTime": TS},
                           {"type": "PodScheduled", "status": "True", "lastTransitionTime": TS}]}

def static_pod(component, nodename, image, ip, cmd):
    return {"apiVersion": "v1", "kind": "Pod",
            "metadata": meta(component + "-" + nodename, "kube-system",
                             labels={"component": component, "tier": "control-plane"},
                             annotations={"kubernetes.io/config.hash": hashlib.md5(component.encode()).hexdigest(),
                                          "kubernetes.io/config.mirror": hashlib.md5(component.encode()).hexdigest(),
                                          "kubernetes.io/config.source": "file"},
                             owner=("v1", "Node", nodename, "/" + nodename), manager="kubelet"),
            "spec": {"nodeName": nodename, "hostNetwork": True, "priorityClassName": "system-node-critical",
                     "containers": [{"name": component, "image": image, "command": cmd,
                                     "resources": {"requests": {"cpu": "100m" if component == "etcd" else "250m",
                                                                "memory": "100Mi"}}}],
                     "tolerations": [{"effect": "NoExecute", "operator": "Exists"}]},
            "status": ready_status(ip, ip)}

def workload(kind, ns, name, replicas, image, placement, labels=None, pod_spec_extra=None, requests=("100m", "128Mi"),
             ready=None, claims=None):
    """placement: list of (node, hostIP). Returns objects: controller (+RS) + pods."""
    labels = labels or {"app.kubernetes.io/name": name}
    tmpl_spec = {"containers": [{"name": name, "image": image,
                                 "resources": {"requests": {"cpu": requests[0], "memory": requests[1]}}}]}
    tmpl_spec.update(pod_spec_extra or {})
    api = "apps/v1"
    objs = []
    ctrl = {"apiVersion": api, "kind": kind, "metadata": meta(name, ns, labels=labels, manager="kubectl-client-side-apply"),
            "spec": {"replicas": replicas, "selector": {"matchLabels": labels},
                     "template": {"metadata": {"labels": labels}, "spec": tmpl_spec}},
            "status": {"replicas": replicas, "readyReplicas": replicas, "observedGeneration": 1}}
    if kind == "StatefulSet":
        ctrl["spec"]["serviceName"] = name
    objs.append(ctrl)
    owner = (api, kind, name, ns + "/" + name)
    if kind == "Deployment":
        h = hashlib.md5(name.encode()).hexdigest()[:10]
        rsname = name + "-" + h
        rs = {"apiVersion": api, "kind": "ReplicaSet",
              "metadata": meta(rsname, ns, labels=dict(labels, **{"pod-template-hash": h}), owner=owner),
              "spec": {"replicas": replicas, "selector": {"matchLabels": dict(labels, **{"pod-template-hash": h})},
                       "template": {"metadata": {"labels": dict(labels, **{"pod-template-hash": h})}, "spec": tmpl_spec}},
              "status": {"replicas": replicas, "readyReplicas": replicas}}
        objs.append(rs)
        owner = (api, "ReplicaSet", rsname, ns + "/" + rsname)
        plabels = dict(labels, **{"pod-template-hash": h})
    else:
        plabels = dict(labels, **{"controller-revision-hash": name + "-6b7f9c", "apps.kubernetes.io/pod-index": "0"})
    for i, (nodename, host_ip) in enumerate(placement):
        if kind == "Deployment":
            pname = owner[2] + "-" + hashlib.md5((name + str(i)).encode()).hexdigest()[:5]
        else:
            pname = f"{name}-{i}"
        spec = dict(tmpl_spec, nodeName=nodename)
        if claims:
            spec = dict(spec, volumes=[{"name": "data", "persistentVolumeClaim": {"claimName": claims(i)}}])
        pl = dict(plabels)
        if kind == "StatefulSet":
            pl["apps.kubernetes.io/pod-index"] = str(i); pl["statefulset.kubernetes.io/pod-name"] = pname
        r = True if ready is None else ready[i]
        objs.append({"apiVersion": "v1", "kind": "Pod", "metadata": meta(pname, ns, labels=pl, owner=owner, manager="kubelet"),
                     "spec": spec, "status": ready_status(f"10.244.{i}.{len(name)}", host_ip, ready=r)})
    return objs

def pdb(ns, name, selector, min_available=None, max_unavailable=None):
    spec = {"selector": selector}
    if min_available is not None: spec["minAvailable"] = min_available
    if max_unavailable is not None: spec["maxUnavailable"] = max_unavailable
    return {"apiVersion": "policy/v1", "kind": "PodDisruptionBudget",
            "metadata": meta(name, ns, manager="kubectl-client-side-apply"), "spec": spec,
            "status": {"observedGeneration": 1, "currentHealthy": 0, "desiredHealthy": 0, "disruptionsAllowed": 0,
                       "expectedPods": 0}}

def ebs_pv(name, zone, claim_ns, claim):
    return [{"apiVersion": "v1", "kind": "PersistentVolume",
             "metadata": meta(name, annotations={"pv.kubernetes.io/provisioned-by": "ebs.csi.aws.com"}, manager="csi-provisioner"),
             "spec": {"accessModes": ["ReadWriteOnce"], "capacity": {"storage": "20Gi"},
                      "claimRef": {"kind": "PersistentVolumeClaim", "namespace": claim_ns, "name": claim},
                      "csi": {"driver": "ebs.csi.aws.com", "fsType": "ext4", "volumeHandle": "vol-0" + hashlib.md5(name.encode()).hexdigest()[:16]},
                      "nodeAffinity": {"required": {"nodeSelectorTerms": [{"matchExpressions": [
                          {"key": "topology.kubernetes.io/zone", "operator": "In", "values": [zone]}]}]}},
                      "persistentVolumeReclaimPolicy": "Delete", "storageClassName": "gp3", "volumeMode": "Filesystem"},
             "status": {"phase": "Bound"}},
            {"apiVersion": "v1", "kind": "PersistentVolumeClaim",
             "metadata": meta(claim, claim_ns, manager="kube-scheduler"),
             "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "20Gi"}},
                      "storageClassName": "gp3", "volumeMode": "Filesystem", "volumeName": name},
             "status": {"phase": "Bound", "accessModes": ["ReadWriteOnce"], "capacity": {"storage": "20Gi"}}}]

def write(case, header, items):
    header += "# Written by src/test/resources/snapshots/what-if-cases.py (PyYAML) in the shape kubectl prints.\n"
    d = os.path.join(os.path.dirname(os.path.abspath(__file__)), case)
    os.makedirs(d, exist_ok=True)
    with open(d + "/objects.yaml", "w") as f:
        f.write(header)
        class NoAliases(yaml.SafeDumper):
            def ignore_aliases(self, data):
                return True
        yaml.dump({"apiVersion": "v1", "kind": "List", "items": items, "metadata": {"resourceVersion": ""}},
                  f, Dumper=NoAliases, default_flow_style=False, sort_keys=True, width=200)

def kubeadm_control_plane(zones, ips):
    items = []
    for i, z in enumerate(zones):
        n = f"cp-{i+1}"
        items.append(node(n, z, cp=True, internal_ip=ips[i]))
        items.append(static_pod("etcd", n, "registry.k8s.io/etcd:3.5.15-0", ips[i],
                                ["etcd", f"--name={n}", f"--advertise-client-urls=https://{ips[i]}:2379",
                                 "--data-dir=/var/lib/etcd"]))
        items.append(static_pod("kube-apiserver", n, "registry.k8s.io/kube-apiserver:v1.31.2", ips[i],
                                ["kube-apiserver", f"--advertise-address={ips[i]}", "--etcd-servers=https://127.0.0.1:2379"]))
    items.append({"apiVersion": "v1", "kind": "Endpoints", "metadata": meta("kubernetes", "default", labels={"endpointslice.kubernetes.io/skip-mirror": "true"}, manager="kube-apiserver"),
                  "subsets": [{"addresses": [{"ip": ip} for ip in ips], "ports": [{"name": "https", "port": 6443, "protocol": "TCP"}]}]})
    return items

def kube_proxy(nodes):
    # a DaemonSet pod per node: drains leave them
    objs = [{"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": meta("kube-proxy", "kube-system", labels={"k8s-app": "kube-proxy"}),
             "spec": {"selector": {"matchLabels": {"k8s-app": "kube-proxy"}},
                      "template": {"metadata": {"labels": {"k8s-app": "kube-proxy"}},
                                   "spec": {"containers": [{"name": "kube-proxy", "image": "registry.k8s.io/kube-proxy:v1.31.2"}],
                                            "tolerations": [{"operator": "Exists"}]}}}}]
    for n, ip in nodes:
        objs.append({"apiVersion": "v1", "kind": "Pod",
                     "metadata": meta("kube-proxy-" + hashlib.md5(n.encode()).hexdigest()[:5], "kube-system",
                                      labels={"k8s-app": "kube-proxy", "controller-revision-hash": "7d4c9b8f6"},
                                      owner=("apps/v1", "DaemonSet", "kube-proxy", "kube-system/kube-proxy"), manager="kubelet"),
                     "spec": {"nodeName": n, "containers": [{"name": "kube-proxy", "image": "registry.k8s.io/kube-proxy:v1.31.2"}],
                              "tolerations": [{"operator": "Exists"}]},
                     "status": ready_status(ip, ip)})
    return objs

# ---------- kubeadm: three zones, a healthy spread part, a workload on one node
zones = ["zone-a", "zone-b", "zone-c"]
cp_ips = ["192.168.10.11", "192.168.10.12", "192.168.10.13"]
items = kubeadm_control_plane(zones, cp_ips)
workers = [("node-a1", "zone-a", "192.168.20.11"), ("node-a2", "zone-a", "192.168.20.12"),
           ("node-b1", "zone-b", "192.168.20.21"), ("node-c1", "zone-c", "192.168.20.31")]
for n, z, ip in workers:
    items.append(node(n, z, internal_ip=ip))
items += kube_proxy([(f"cp-{i+1}", cp_ips[i]) for i in range(3)] + [(n, ip) for n, _, ip in workers])
spread = {"topologySpreadConstraints": [{"maxSkew": 1, "topologyKey": "topology.kubernetes.io/zone",
                                         "whenUnsatisfiable": "DoNotSchedule",
                                         "labelSelector": {"matchLabels": {"app.kubernetes.io/name": "api"}}}]}
items += workload("Deployment", "shop", "api", 3, "registry.example.com/shop/api:3.2.0", [("node-a1", "192.168.20.11"), ("node-b1", "192.168.20.21"), ("node-c1", "192.168.20.31")], pod_spec_extra=spread)
items.append(pdb("shop", "api", {"matchLabels": {"app.kubernetes.io/name": "api"}}, max_unavailable=1))
items += workload("Deployment", "shop", "cart", 2, "registry.example.com/shop/cart:1.9.4", [("node-a2", "192.168.20.12"), ("node-a2", "192.168.20.12")])
items += workload("Deployment", "kube-system", "coredns", 2, "registry.k8s.io/coredns/coredns:v1.11.3",
                  [("node-a1", "192.168.20.11"), ("node-b1", "192.168.20.21")], labels={"k8s-app": "kube-dns"},
                  pod_spec_extra={"affinity": {"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [
                      {"topologyKey": "kubernetes.io/hostname", "labelSelector": {"matchExpressions": [
                          {"key": "k8s-app", "operator": "In", "values": ["kube-dns"]}]}}]}},
                      "tolerations": [{"key": "CriticalAddonsOnly", "operator": "Exists"}]})
write("kubeadm", "# A kubeadm cluster over three zones, as `kubectl get nodes,pods,deployments,replicasets,daemonsets,pdb,endpoints -A -o yaml`\n"
      "# prints it (managedFields, status): stacked etcd on three control-plane nodes, api spread over zones with a\n"
      "# PDB, coredns with hostname anti-affinity, and cart whose two replicas share node-a2.\n", items)

# ---------- a drain blocked by minAvailable = replicas
RV[0] = 200000
items = kubeadm_control_plane(zones, cp_ips)
for n, z, ip in workers:
    items.append(node(n, z, internal_ip=ip))
items += kube_proxy([(n, ip) for n, _, ip in workers])
items += workload("StatefulSet", "payments", "ledger", 3, "registry.example.com/payments/ledger:5.0.1",
                  [("node-a1", "192.168.20.11"), ("node-b1", "192.168.20.21"), ("node-c1", "192.168.20.31")])
items.append(pdb("payments", "ledger", {"matchLabels": {"app.kubernetes.io/name": "ledger"}}, min_available=3))
items += workload("Deployment", "payments", "gateway", 2, "registry.example.com/payments/gateway:2.1.0",
                  [("node-a1", "192.168.20.11"), ("node-b1", "192.168.20.21")])
items.append(pdb("payments", "gateway", {"matchLabels": {"app.kubernetes.io/name": "gateway"}}, min_available="50%"))
write("drain-blocked-min-available", "# kubeadm; the ledger StatefulSet has 3 replicas and a PDB with minAvailable: 3, so that\n"
      "# `kubectl drain node-a1` (or any node running a ledger pod) retries its eviction forever.\n", items)

# ---------- EKS with PDBs: managed control plane, EBS volumes, node groups
RV[0] = 300000
items = []
eks_nodes = []
for i, z in enumerate(["us-east-1a", "us-east-1b", "us-east-1c"]):
    for j in range(2):
        ip = f"10.0.{i*32 + 10}.{20 + j}"
        n = f"ip-10-0-{i*32+10}-{20+j}.ec2.internal"
        eks_nodes.append((n, z, ip))
        items.append(node(n, z, cpu="1930m", mem="7291464Ki", provider=f"aws:///{z}/i-0{hashlib.md5(n.encode()).hexdigest()[:16]}",
                          internal_ip=ip,
                          extra_labels={"eks.amazonaws.com/nodegroup": "general", "eks.amazonaws.com/capacityType": "ON_DEMAND",
                                        "node.kubernetes.io/instance-type": "m5.large", "topology.ebs.csi.aws.com/zone": z,
                                        "failure-domain.beta.kubernetes.io/zone": z}))
items.append({"apiVersion": "v1", "kind": "Endpoints", "metadata": meta("kubernetes", "default", manager="kube-apiserver"),
              "subsets": [{"addresses": [{"ip": "10.0.99.12"}, {"ip": "10.0.120.7"}], "ports": [{"name": "https", "port": 443, "protocol": "TCP"}]}]})
items += [{"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass", "metadata": meta("gp3", annotations={"storageclass.kubernetes.io/is-default-class": "true"}),
           "provisioner": "ebs.csi.aws.com", "parameters": {"type": "gp3"}, "reclaimPolicy": "Delete", "volumeBindingMode": "WaitForFirstConsumer"}]
items += workload("Deployment", "kube-system", "coredns", 2, "602401143452.dkr.ecr.us-east-1.amazonaws.com/eks/coredns:v1.11.3-eksbuild.2",
                  [(eks_nodes[0][0], eks_nodes[0][2]), (eks_nodes[2][0], eks_nodes[2][2])], labels={"k8s-app": "kube-dns", "eks.amazonaws.com/component": "coredns"},
                  pod_spec_extra={"affinity": {"podAntiAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [
                      {"weight": 100, "podAffinityTerm": {"topologyKey": "kubernetes.io/hostname",
                                                          "labelSelector": {"matchExpressions": [{"key": "k8s-app", "operator": "In", "values": ["kube-dns"]}]}}}]}},
                      "tolerations": [{"key": "CriticalAddonsOnly", "operator": "Exists"}, {"key": "node-role.kubernetes.io/control-plane", "effect": "NoSchedule"}]})
items.append(pdb("kube-system", "coredns", {"matchLabels": {"k8s-app": "kube-dns", "eks.amazonaws.com/component": "coredns"}}, max_unavailable=1))
items += workload("StatefulSet", "data", "postgres", 2, "postgres:16.4",
                  [(eks_nodes[0][0], eks_nodes[0][2]), (eks_nodes[2][0], eks_nodes[2][2])], requests=("500m", "2Gi"),
                  claims=lambda i: f"data-postgres-{i}")
items += ebs_pv("pvc-3b9a6f2e-0d7c-4b58-9a1e-5c2f7d8e9a01", "us-east-1a", "data", "data-postgres-0")
items += ebs_pv("pvc-8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f", "us-east-1b", "data", "data-postgres-1")
items.append(pdb("data", "postgres", {"matchLabels": {"app.kubernetes.io/name": "postgres"}}, max_unavailable=1))
items += workload("Deployment", "web", "storefront", 4, "public.ecr.aws/acme/storefront:7.3.0",
                  [(eks_nodes[k][0], eks_nodes[k][2]) for k in (0, 1, 2, 4)], requests=("250m", "512Mi"))
items.append(pdb("web", "storefront", {"matchExpressions": [{"key": "app.kubernetes.io/name", "operator": "In", "values": ["storefront"]}]}, min_available="75%"))
items.append(pdb("web", "storefront-legacy", {"matchLabels": {"app.kubernetes.io/name": "storefront"}}, max_unavailable="10%"))
items += workload("Deployment", "web", "search", 2, "public.ecr.aws/acme/search:1.0.2",
                  [(eks_nodes[3][0], eks_nodes[3][2]), (eks_nodes[3][0], eks_nodes[3][2])], requests=("250m", "256Mi"))
write("eks-pdbs", "# An EKS cluster (managed control plane: no etcd or apiserver Pods, the kubernetes Service's endpoints\n"
      "# are the ENIs of the control plane) over us-east-1a/b/c with PDBs: coredns (maxUnavailable 1, as EKS ships it),\n"
      "# postgres on EBS volumes in 1a and 1b, storefront covered by two\n"
      "# PDBs, and search with both replicas on one node.\n", items)
