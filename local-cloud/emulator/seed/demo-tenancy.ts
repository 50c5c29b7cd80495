/**
 * Data: the demo tenancy `npm start` seeds on first run: four levels of compartments with
 * instances in several states, autonomous databases, MySQL DB systems, OKE clusters with node
 * pools, API gateways with deployments and load balancers whose backend sets are healthy,
 * degraded, down and unknown.
 */
import type { TenancySpec } from './spec.ts';

const web = (ip: string, health: 'OK' | 'WARNING' | 'CRITICAL' | 'UNKNOWN' = 'OK') => ({
  ipAddress: ip,
  port: 8080,
  health,
});

export const DEMO_TENANCY: TenancySpec = {
  name: 'demo-tenancy-v1',
  compartments: [
    {
      name: 'demo',
      description: 'Demo organisation',
      freeformTags: { owner: 'demo' },
      children: [
        {
          name: 'platform',
          description: 'Shared platform services',
          networks: [{ name: 'platform-vcn', cidr: '10.10.0.0/16', subnetCidr: '10.10.1.0/24' }],
          loadBalancers: [
            {
              displayName: 'edge-lb',
              backendSets: [
                { name: 'web', backends: [web('10.10.1.10'), web('10.10.1.11'), web('10.10.1.12')] },
                { name: 'api', backends: [web('10.10.1.20'), web('10.10.1.21'), web('10.10.1.22', 'CRITICAL')] },
                { name: 'legacy', backends: [web('10.10.1.30', 'CRITICAL'), web('10.10.1.31', 'CRITICAL')] },
              ],
            },
          ],
          apiGateways: [
            {
              displayName: 'public-gw',
              endpointType: 'PUBLIC',
              deployments: [
                { displayName: 'graphql', pathPrefix: '/graphql' },
                { displayName: 'v1', pathPrefix: '/v1' },
              ],
            },
          ],
          clusters: [
            {
              name: 'platform-oke',
              kubernetesVersion: 'v1.31.1',
              nodePools: [
                { name: 'system', nodeShape: 'VM.Standard.A1.Flex', ocpus: 2, memoryInGBs: 12, size: 3 },
                { name: 'workers', nodeShape: 'VM.Standard.E4.Flex', ocpus: 4, memoryInGBs: 64, size: 5 },
              ],
            },
          ],
          children: [
            {
              name: 'observability',
              description: 'Metrics and dashboards',
              networks: [{ name: 'obs-vcn', cidr: '10.11.0.0/16', subnetCidr: '10.11.1.0/24' }],
              instances: [
                {
                  name: 'grafana',
                  shape: 'VM.Standard.E4.Flex',
                  ocpus: 1,
                  memoryInGBs: 8,
                  freeformTags: { app: 'grafana' },
                },
                {
                  name: 'prometheus',
                  shape: 'VM.Standard.E4.Flex',
                  ocpus: 2,
                  memoryInGBs: 32,
                  os: 'Oracle Linux',
                  osVersion: '9',
                  freeformTags: { app: 'prometheus' },
                },
              ],
            },
          ],
        },
        {
          name: 'prod',
          description: 'Production',
          children: [
            {
              name: 'prod-web',
              description: 'Production web tier',
              networks: [{ name: 'prod-web-vcn', cidr: '10.20.0.0/16', subnetCidr: '10.20.1.0/24' }],
              instances: [
                {
                  name: 'web-1',
                  shape: 'VM.Standard.E4.Flex',
                  ocpus: 2,
                  memoryInGBs: 16,
                  availabilityDomain: 'Uocm:US-ASHBURN-AD-1',
                  freeformTags: { tier: 'web' },
                },
                {
                  name: 'web-2',
                  shape: 'VM.Standard.E4.Flex',
                  ocpus: 2,
                  memoryInGBs: 16,
                  availabilityDomain: 'Uocm:US-ASHBURN-AD-2',
                  freeformTags: { tier: 'web' },
                },
                {
                  name: 'web-3',
                  shape: 'VM.Standard.E4.Flex',
                  ocpus: 2,
                  memoryInGBs: 16,
                  state: 'STOPPED',
                  availabilityDomain: 'Uocm:US-ASHBURN-AD-3',
                  freeformTags: { tier: 'web' },
                },
              ],
              loadBalancers: [
                {
                  displayName: 'prod-web-lb',
                  backendSets: [
                    { name: 'web', backends: [web('10.20.1.2'), web('10.20.1.3'), web('10.20.1.4', 'WARNING')] },
                  ],
                },
              ],
              apiGateways: [
                {
                  displayName: 'prod-internal-gw',
                  endpointType: 'PRIVATE',
                  deployments: [{ displayName: 'orders', pathPrefix: '/orders' }],
                },
              ],
              children: [
                {
                  name: 'prod-web-canary',
                  description: 'Canary releases',
                  networks: [{ name: 'canary-vcn', cidr: '10.21.0.0/16', subnetCidr: '10.21.1.0/24' }],
                  instances: [
                    {
                      name: 'canary-1',
                      shape: 'VM.Standard.A1.Flex',
                      ocpus: 1,
                      memoryInGBs: 6,
                      state: 'PROVISIONING',
                      freeformTags: { tier: 'canary' },
                    },
                  ],
                },
              ],
            },
            {
              name: 'prod-data',
              description: 'Production databases',
              autonomousDatabases: [
                {
                  displayName: 'orders',
                  dbName: 'ORDERS',
                  dbWorkload: 'OLTP',
                  cpuCoreCount: 4,
                  dataStorageSizeInTBs: 2,
                },
                {
                  displayName: 'analytics',
                  dbName: 'ANALYTICS',
                  dbWorkload: 'DW',
                  cpuCoreCount: 8,
                  dataStorageSizeInTBs: 6,
                  lifecycleState: 'STOPPED',
                },
              ],
              mysqlDbSystems: [
                {
                  displayName: 'inventory',
                  shapeName: 'MySQL.4',
                  mysqlVersion: '8.4.4',
                  isHighlyAvailable: true,
                  dataStorageSizeInGBs: 200,
                },
                { displayName: 'sessions', shapeName: 'MySQL.2', mysqlVersion: '8.0.41', lifecycleState: 'INACTIVE' },
              ],
            },
          ],
        },
        {
          name: 'dev',
          description: 'Development',
          networks: [{ name: 'dev-vcn', cidr: '10.30.0.0/16', subnetCidr: '10.30.1.0/24' }],
          instances: [
            { name: 'dev-box', shape: 'VM.Standard.E2.1.Micro', freeformTags: { tier: 'free' } },
            {
              name: 'arm-box',
              shape: 'VM.Standard.A1.Flex',
              ocpus: 4,
              memoryInGBs: 24,
              os: 'Canonical Ubuntu',
              osVersion: '22.04',
            },
            { name: 'old-box', shape: 'VM.Standard.E2.1.Micro', state: 'TERMINATED' },
          ],
          autonomousDatabases: [{ displayName: 'scratch', dbName: 'SCRATCH', isFreeTier: true, dbWorkload: 'AJD' }],
          mysqlDbSystems: [{ displayName: 'dev-mysql', shapeName: 'MySQL.Free', mysqlVersion: '9.2.0' }],
          clusters: [
            {
              name: 'dev-oke',
              kubernetesVersion: 'v1.30.1',
              type: 'BASIC_CLUSTER',
              nodePools: [{ name: 'dev-pool', nodeShape: 'VM.Standard.A1.Flex', size: 1 }],
            },
          ],
          children: [
            {
              name: 'dev-sandbox',
              description: 'Throwaway experiments',
              networks: [{ name: 'sandbox-vcn', cidr: '10.31.0.0/16', subnetCidr: '10.31.1.0/24' }],
              instances: [{ name: 'sandbox', shape: 'VM.Standard.E2.1.Micro', state: 'STOPPED' }],
              loadBalancers: [
                { displayName: 'sandbox-lb', isPrivate: true, backendSets: [{ name: 'empty', backends: [] }] },
              ],
            },
          ],
        },
      ],
    },
  ],
};
