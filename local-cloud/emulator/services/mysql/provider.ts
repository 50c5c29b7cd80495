/**
 * MySQL HeatWave DB systems (DbSystemClient, `/20190415/dbSystems`): ListDbSystems and
 * GetDbSystem over records made by `createDbSystem` (seed, tests, bench). Every other
 * DbSystemClient operation answers 501 naming it.
 *
 * Limitations against OCI: read-only over REST; one primary endpoint per DB system at the
 * subnet-less private address given (or 10.0.2.x); no HeatWave cluster, backups or channels.
 */
import { randomBytes } from 'node:crypto';
import type { Provider, ProviderContext } from '../../core/types.ts';
import { surfaceOf } from '../resource-kit/catalog.ts';
import { readonlyRoutes, seedBase, type SeedCommon } from '../resource-kit/readonly.ts';
import { ResourceTable, type ResourceRecord } from '../resource-kit/table.ts';
import { timingFromEnv } from '../resource-kit/timing.ts';
import { optionalBool, optionalNum, optionalStr } from '../resource-kit/validate.ts';
import { AD_NAMES } from '../identity-compartments/store.ts';

export interface DbSystemRecord extends ResourceRecord {
  displayName: string;
  description?: string;
  subnetId: string;
  shapeName: string;
  mysqlVersion: string;
  availabilityDomain: string;
  faultDomain: string;
  isHighlyAvailable: boolean;
  dataStorageSizeInGBs: number;
  ipAddress: string;
  port: number;
  portX: number;
  hostnameLabel?: string;
  endpoints: Record<string, unknown>[];
  databaseMode: string;
  accessMode: string;
  timeUpdated: string;
}

export interface DbSystemInput extends SeedCommon {
  /** @default MySQL.Free */
  shapeName?: string;
  /** @default 8.4.4 */
  mysqlVersion?: string;
  subnetId?: string;
  ipAddress?: string;
  isHighlyAvailable?: boolean;
  /** @default 50 */
  dataStorageSizeInGBs?: number;
  description?: string;
}

export interface MysqlProvider extends Provider {
  createDbSystem(i: DbSystemInput): DbSystemRecord;
}

const SUMMARY_KEYS = [
  'id',
  'displayName',
  'description',
  'compartmentId',
  'isHighlyAvailable',
  'availabilityDomain',
  'faultDomain',
  'endpoints',
  'lifecycleState',
  'mysqlVersion',
  'timeCreated',
  'timeUpdated',
  'freeformTags',
  'definedTags',
  'shapeName',
  'databaseMode',
  'accessMode',
] as const;

export function mysqlProvider(ctx: ProviderContext): MysqlProvider {
  const table = new ResourceTable<DbSystemRecord>(ctx, 'mysql', 'dbSystems', 'dbSystem');
  const timing = timingFromEnv();
  const routes = readonlyRoutes(ctx, {
    table,
    path: '/20190415/dbSystems',
    idParam: 'dbSystemId',
    list: 'ListDbSystems',
    get: 'GetDbSystem',
    filters: { displayName: 'displayName', dbSystemId: 'id' },
    sortKeys: { timecreated: 'timeCreated', displayname: 'displayName' },
    view: (r) => Object.fromEntries(SUMMARY_KEYS.filter((k) => r[k] !== undefined).map((k) => [k, r[k]])),
  });
  function createDbSystem(i: DbSystemInput): DbSystemRecord {
    const base = seedBase(ctx, 'mysqldbsystem', i, { finalState: 'ACTIVE', settleMs: timing.transitionMs });
    const ip = optionalStr(i.ipAddress, 'ipAddress') ?? `10.0.2.${2 + (table.col.size % 250)}`;
    const version = optionalStr(i.mysqlVersion, 'mysqlVersion') ?? '8.4.4';
    const host = `mysql-${randomBytes(3).toString('hex')}`;
    return table.put({
      ...base,
      displayName: i.displayName ?? host,
      ...(i.description ? { description: i.description } : {}),
      subnetId: i.subnetId ?? `ocid1.subnet.oc1.iad.aaaaaaaa${randomBytes(26).toString('hex')}`,
      shapeName: optionalStr(i.shapeName, 'shapeName') ?? 'MySQL.Free',
      mysqlVersion: version,
      availabilityDomain: AD_NAMES[table.col.size % 3]!,
      faultDomain: 'FAULT-DOMAIN-1',
      isHighlyAvailable: optionalBool(i.isHighlyAvailable, 'isHighlyAvailable') ?? false,
      dataStorageSizeInGBs:
        optionalNum(i.dataStorageSizeInGBs, 'dataStorageSizeInGBs', { min: 50, max: 131072, integer: true }) ?? 50,
      ipAddress: ip,
      port: 3306,
      portX: 33060,
      hostnameLabel: host,
      databaseMode: 'READ_WRITE',
      accessMode: 'UNRESTRICTED',
      timeUpdated: base.timeCreated,
      endpoints: [
        {
          hostname: `${host}.sub.vcn.oraclevcn.com`,
          ipAddress: ip,
          port: 3306,
          portX: 33060,
          modes: ['READ', 'WRITE'],
          status: 'ACTIVE',
          resourceType: 'DBSYSTEM',
          resourceId: base.id,
        },
      ],
    } as DbSystemRecord);
  }
  return { name: 'mysql', routes, ...surfaceOf(['DbSystemClient'], routes), createDbSystem };
}
