# How objects.yaml was made: a kubeadm cluster over three zones as a Python tool holds it, dumped
# with PyYAML's default settings (sorted keys, block style). PyYAML anchors every dict or list it
# meets twice (&id001 ... *id001), across List items too: shared labels, tolerations, images lists.
import yaml

zones = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
cp_taints = [{"key": "node-role.kubernetes.io/control-plane", "effect": "NoSchedule"}]
control_plane_tolerations = [{"operator": "Exists", "effect": "NoExecute"}]
items = []
for i, zone in enumerate(zones, 1):
    name = f"cp-{i}"
    items.append({"apiVersion": "v1", "kind": "Node",
                  "metadata": {"name": name, "uid": f"uid-node-{name}", "resourceVersion": str(100 + i),
                               "labels": {"kubernetes.io/hostname": name, "topology.kubernetes.io/zone": zone,
                                          "node-role.kubernetes.io/control-plane": ""}},
                  "spec": {"taints": cp_taints},
                  "status": {"addresses": [{"type": "InternalIP", "address": f"10.0.{i}.10"}]}})
    for component, image in (("etcd", "registry.k8s.io/etcd:3.5.12-0"),
                             ("kube-apiserver", "registry.k8s.io/kube-apiserver:v1.29.2")):
        labels = {"component": component, "tier": "control-plane"}
        items.append({"apiVersion": "v1", "kind": "Pod",
                      "metadata": {"name": f"{component}-{name}", "namespace": "kube-system",
                                   "uid": f"uid-{component}-{name}", "resourceVersion": str(200 + i),
                                   "labels": labels,
                                   "ownerReferences": [{"apiVersion": "v1", "kind": "Node", "name": name,
                                                        "uid": f"uid-node-{name}", "controller": True}]},
                      "spec": {"nodeName": name, "hostNetwork": True, "priorityClassName": "system-node-critical",
                               "tolerations": control_plane_tolerations,
                               "containers": [{"name": component, "image": image}]},
                      "status": {"phase": "Running", "podIP": f"10.0.{i}.10", "hostIP": f"10.0.{i}.10"}})
web_labels = {"app": "web"}
web_template = {"metadata": {"labels": web_labels},
                "spec": {"containers": [{"name": "web", "image": "nginx:1.25.4"}]}}
items.append({"apiVersion": "apps/v1", "kind": "Deployment",
              "metadata": {"name": "web", "namespace": "shop", "uid": "uid-deploy-web", "labels": web_labels},
              "spec": {"replicas": 3, "selector": {"matchLabels": web_labels}, "template": web_template},
              "status": {"replicas": 3, "availableReplicas": 3}})
items.append({"apiVersion": "apps/v1", "kind": "ReplicaSet",
              "metadata": {"name": "web-6d4b", "namespace": "shop", "uid": "uid-rs-web", "labels": web_labels,
                           "ownerReferences": [{"apiVersion": "apps/v1", "kind": "Deployment", "name": "web",
                                                "uid": "uid-deploy-web", "controller": True}]},
              "spec": {"replicas": 3, "selector": {"matchLabels": web_labels}, "template": web_template},
              "status": {"replicas": 3, "availableReplicas": 3}})
rs_owner = [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-6d4b", "uid": "uid-rs-web",
             "controller": True}]
for i, zone in enumerate(zones, 1):
    items.append({"apiVersion": "v1", "kind": "Pod",
                  "metadata": {"name": f"web-6d4b-{i}", "namespace": "shop", "uid": f"uid-web-{i}",
                               "labels": web_labels, "ownerReferences": rs_owner},
                  "spec": {"nodeName": f"cp-{i}", "containers": web_template["spec"]["containers"]},
                  "status": {"phase": "Running", "podIP": f"192.168.{i}.5"}})

print("# made by make-objects.py (PyYAML %s, yaml.dump defaults)" % yaml.__version__)
print(yaml.dump({"apiVersion": "v1", "kind": "List", "metadata": {"resourceVersion": ""}, "items": items}), end="")
