/**
 * The shape of a tenancy description: a tree of compartments, each with the resources it holds.
 * Data only; `apply.ts` creates it through the providers' create APIs.
 */
import type { ApiGatewayProvider } from '../services/apigateway/provider.ts';
import type { ContainerEngineProvider } from '../services/containerengine/provider.ts';
import type { AutonomousDatabaseInput } from '../services/database/provider.ts';
import type { LoadBalancerInput } from '../services/loadbalancer/provider.ts';
import type { DbSystemInput } from '../services/mysql/provider.ts';

type Local<T> = Omit<T, 'compartmentId'>;
type Param<F extends (i: never) => unknown> = Parameters<F>[0];

export interface NetworkSpec {
  name: string;
  /** VCN CIDR, e.g. 10.10.0.0/16 */
  cidr: string;
  /** the public subnet's CIDR */
  subnetCidr: string;
}

export interface InstanceSpec {
  name: string;
  /** @default VM.Standard.E2.1.Micro */
  shape?: string;
  ocpus?: number;
  memoryInGBs?: number;
  /** platform image by OS and version; the newest one that fits the shape @default Canonical Ubuntu 24.04 */
  os?: string;
  osVersion?: string;
  /** @default RUNNING */
  state?: 'PROVISIONING' | 'RUNNING' | 'STOPPED' | 'TERMINATED';
  /** a network of this compartment (its first one by default; one is made if there is none) */
  network?: string;
  /** @default true */
  assignPublicIp?: boolean;
  bootVolumeSizeInGBs?: number;
  availabilityDomain?: string;
  freeformTags?: Record<string, string>;
}

export interface CompartmentSpec {
  name: string;
  description: string;
  freeformTags?: Record<string, string>;
  networks?: NetworkSpec[];
  instances?: InstanceSpec[];
  autonomousDatabases?: Local<AutonomousDatabaseInput>[];
  mysqlDbSystems?: Local<DbSystemInput>[];
  clusters?: (Local<Param<ContainerEngineProvider['createCluster']>> & {
    nodePools?: Omit<Param<ContainerEngineProvider['createNodePool']>, 'compartmentId' | 'clusterId'>[];
  })[];
  apiGateways?: (Local<Param<ApiGatewayProvider['createGateway']>> & {
    deployments?: Omit<Param<ApiGatewayProvider['createDeployment']>, 'compartmentId' | 'gatewayId'>[];
  })[];
  loadBalancers?: Local<LoadBalancerInput>[];
  children?: CompartmentSpec[];
}

export interface TenancySpec {
  /** names the seed's marker: a spec is applied once per state directory */
  name: string;
  compartments: CompartmentSpec[];
}
