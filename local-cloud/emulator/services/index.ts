/**
 * The registry of service providers. Each OCI service the emulator speaks is one provider; add a
 * line here when you add one.
 */
import type { ProviderFactory } from '../core/types.ts';
import { identityAuthProvider } from './identity/auth-provider.ts';
import { functionsProvider } from './functions/provider.ts';
import { nosqlProvider } from './nosql/provider.ts';
import { objectStorageProvider } from './objectstorage/provider.ts';
import { identityProvider } from './identity-compartments/provider.ts';
import { computeProvider } from './compute/provider.ts';
import { networkProvider } from './network/provider.ts';
import { workRequestsProvider } from './workrequests/provider.ts';
import { databaseProvider } from './database/provider.ts';
import { mysqlProvider } from './mysql/provider.ts';
import { containerEngineProvider } from './containerengine/provider.ts';
import { apiGatewayProvider } from './apigateway/provider.ts';
import { loadBalancerProvider } from './loadbalancer/provider.ts';
import { monitoringProvider } from './monitoring/provider.ts';

export const defaultProviders: ProviderFactory[] = [
  identityAuthProvider,
  functionsProvider,
  nosqlProvider,
  objectStorageProvider,
  identityProvider,
  computeProvider,
  networkProvider,
  workRequestsProvider,
  databaseProvider,
  mysqlProvider,
  containerEngineProvider,
  apiGatewayProvider,
  loadBalancerProvider,
  monitoringProvider,
];
