/** The default cloud-init user data of a launch: K3s and Helm, then a status file. */

export const STATUS_FILE = '/var/lib/cloud/instance/k3s-status.json';

/** A shell script (cloud-init runs `#!` user data as a script) for Ubuntu. */
export function defaultUserData(options: { ports: number[] }): string {
  const ufw = options.ports.map((p) => `iptables -I INPUT -p tcp --dport ${p} -j ACCEPT || true`).join('\n');
  return `#!/bin/bash
# written by the resources function: installs K3s and Helm, then writes ${STATUS_FILE}
set -euo pipefail
status() { printf '{"stage":"%s","time":"%s"}\\n' "$1" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" > ${STATUS_FILE}; }
status starting
# Ubuntu platform images ship iptables rules that drop everything but SSH
iptables -I INPUT -p tcp --dport 6443 -j ACCEPT || true
${ufw}
netfilter-persistent save || true
status installing-k3s
curl -sfL https://get.k3s.io | INSTALL_K3S_EXEC="--write-kubeconfig-mode 644" sh -
status installing-helm
curl -fsSL https://raw.githubusercontent.com/helm/helm/main/scripts/get-helm-3 | bash
export KUBECONFIG=/etc/rancher/k3s/k3s.yaml
until kubectl get nodes >/dev/null 2>&1; do sleep 5; done
printf '{"stage":"ready","k3s":"%s","helm":"%s","time":"%s"}\\n' \\
  "$(k3s --version | head -1)" "$(helm version --short)" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" > ${STATUS_FILE}
`;
}
