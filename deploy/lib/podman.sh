# shellcheck shell=bash
# Sourced by deploy/build-image and bin/test-cluster: podman as it runs on these machines
# (rootful podman 4.3; crun fails on this kernel's cgroups, so runc and cgroupfs; docs/DEPLOY.md).

# podman with the global options every call needs; the rest of the arguments as given.
rdht_podman() {
  podman --runtime runc --cgroup-manager=cgroupfs "$@"
}

# The options of every container run: file and process limits the runtime would otherwise refuse.
RDHT_PODMAN_RUN_LIMITS=(--ulimit nofile=1024:1024 --ulimit nproc=1024:1024)
