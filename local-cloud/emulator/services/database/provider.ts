/**
 * Database (DatabaseClient, `/20160918/autonomousDatabases`): ListAutonomousDatabases and
 * GetAutonomousDatabase over records made by `createAutonomousDatabase` (the seed, tests, bench).
 * Every other DatabaseClient operation (provisioning, start/stop, wallets, Exadata, ...) answers
 * 501 naming it.
 *
 * Limitations against OCI: read-only over the REST API; serverless (SHARED) ADBs only; connection
 * strings and URLs are well-formed but point nowhere; `lifecycleStateNotEqualTo`, `dbVersion`,
 * `isFreeTier` and `dbWorkload` filter; other list filters are ignored.
 */
import { randomBytes } from 'node:crypto';
import type { Provider, ProviderContext } from '../../core/types.ts';
import { surfaceOf } from '../resource-kit/catalog.ts';
import { readonlyRoutes, seedBase, type SeedCommon } from '../resource-kit/readonly.ts';
import { ResourceTable, type ResourceRecord } from '../resource-kit/table.ts';
import { timingFromEnv } from '../resource-kit/timing.ts';
import { oneOf, optionalBool, optionalNum, optionalStr } from '../resource-kit/validate.ts';

export interface AutonomousDatabaseRecord extends ResourceRecord {
  displayName: string;
  dbName: string;
  dbWorkload: string;
  dbVersion: string;
  computeModel: string;
  computeCount: number;
  cpuCoreCount: number;
  dataStorageSizeInTBs: number;
  dataStorageSizeInGBs: number;
  isFreeTier: boolean;
  isAutoScalingEnabled: boolean;
  licenseModel: string;
  infrastructureType: 'SHARED';
  isDedicated: false;
  serviceConsoleUrl: string;
  connectionStrings: Record<string, unknown>;
  connectionUrls: Record<string, string>;
}

export interface AutonomousDatabaseInput extends SeedCommon {
  dbName?: string;
  /** OLTP | DW | AJD | APEX @default OLTP */
  dbWorkload?: string;
  /** @default 2 */
  cpuCoreCount?: number;
  /** @default 1 */
  dataStorageSizeInTBs?: number;
  isFreeTier?: boolean;
  /** @default 19c */
  dbVersion?: string;
}

export interface DatabaseProvider extends Provider {
  createAutonomousDatabase(i: AutonomousDatabaseInput): AutonomousDatabaseRecord;
}

export function databaseProvider(ctx: ProviderContext): DatabaseProvider {
  const table = new ResourceTable<AutonomousDatabaseRecord>(
    ctx,
    'database',
    'autonomousDatabases',
    'autonomousDatabase',
  );
  const timing = timingFromEnv();
  const routes = readonlyRoutes(ctx, {
    table,
    path: '/20160918/autonomousDatabases',
    idParam: 'autonomousDatabaseId',
    list: 'ListAutonomousDatabases',
    get: 'GetAutonomousDatabase',
    filters: { displayName: 'displayName', dbWorkload: 'dbWorkload', dbVersion: 'dbVersion', isFreeTier: 'isFreeTier' },
    where: (r, q) => q('lifecycleStateNotEqualTo') === undefined || r.lifecycleState !== q('lifecycleStateNotEqualTo'),
    sortKeys: { timecreated: 'timeCreated', displayname: 'displayName' },
  });
  function createAutonomousDatabase(i: AutonomousDatabaseInput): AutonomousDatabaseRecord {
    const base = seedBase(ctx, 'autonomousdatabase', i, { finalState: 'AVAILABLE', settleMs: timing.transitionMs });
    const dbName =
      optionalStr(i.dbName, 'dbName', { max: 30, pattern: /^[A-Za-z][A-Za-z0-9]*$/ }) ??
      `DB${randomBytes(4).toString('hex').toUpperCase()}`;
    const workload =
      i.dbWorkload === undefined ? 'OLTP' : oneOf(i.dbWorkload, 'dbWorkload', ['OLTP', 'DW', 'AJD', 'APEX'] as const);
    const free = optionalBool(i.isFreeTier, 'isFreeTier') ?? false;
    const cores = optionalNum(i.cpuCoreCount, 'cpuCoreCount', { min: 1, max: 128, integer: true }) ?? (free ? 1 : 2);
    const tb =
      optionalNum(i.dataStorageSizeInTBs, 'dataStorageSizeInTBs', { min: 0.02, max: 384 }) ?? (free ? 0.02 : 1);
    const host = `${randomBytes(5).toString('hex')}-${dbName.toLowerCase()}.adb.us-ashburn-1.oraclecloudapps.com`;
    const svc = (level: string) =>
      '(description=(retry_count=20)(retry_delay=3)' +
      '(address=(protocol=tcps)(port=1522)(host=adb.us-ashburn-1.oraclecloud.com))' +
      `(connect_data=(service_name=${randomBytes(4).toString('hex')}_${dbName.toLowerCase()}_${level}` +
      '.adb.oraclecloud.com))' +
      '(security=(ssl_server_dn_match=yes)))';
    return table.put({
      ...base,
      displayName: i.displayName ?? dbName,
      dbName,
      dbWorkload: workload,
      dbVersion: i.dbVersion ?? '19c',
      computeModel: 'ECPU',
      computeCount: cores * 2,
      cpuCoreCount: cores,
      dataStorageSizeInTBs: tb,
      dataStorageSizeInGBs: Math.round(tb * 1024),
      isFreeTier: free,
      isAutoScalingEnabled: !free,
      licenseModel: 'LICENSE_INCLUDED',
      infrastructureType: 'SHARED',
      isDedicated: false,
      serviceConsoleUrl: `https://${host}/console/index.html`,
      connectionStrings: {
        high: svc('high'),
        medium: svc('medium'),
        low: svc('low'),
        allConnectionStrings: { HIGH: svc('high'), MEDIUM: svc('medium'), LOW: svc('low') },
      },
      connectionUrls: {
        sqlDevWebUrl: `https://${host}/ords/sql-developer`,
        apexUrl: `https://${host}/ords/apex`,
        ordsUrl: `https://${host}/ords/`,
        graphStudioUrl: `https://${host}/graphstudio/`,
        machineLearningUserManagementUrl: `https://${host}/omlusers/`,
        mongoDbUrl:
          `mongodb://[user:password@]${host}:27017/[user]` +
          '?authMechanism=PLAIN&authSource=$external&ssl=true&retryWrites=false&loadBalanced=true',
      },
    } as AutonomousDatabaseRecord);
  }
  return { name: 'database', routes, ...surfaceOf(['DatabaseClient'], routes), createAutonomousDatabase };
}
