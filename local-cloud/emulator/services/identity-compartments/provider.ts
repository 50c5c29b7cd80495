/**
 * Identity: compartments, availability domains, fault domains and the tenancy
 * (`/20160918/compartments`, `/availabilityDomains`, `/faultDomains`, `/tenancies/{id}`).
 * Every other IdentityClient operation answers 501 naming it.
 *
 * Limitations against OCI:
 * - compartments are ACTIVE at once (no CREATING); delete moves DELETING → DELETED after
 *   EMULATOR_TRANSITION_MS and refuses (409) only while live child compartments exist; resources
 *   left in a deleted compartment are not checked.
 * - no IAM: every signed caller may read and change every compartment; `accessLevel` ANY and
 *   ACCESSIBLE answer the same; `isAccessible` is always true.
 * - one region (us-ashburn-1) with three ADs; no work request for compartment deletes.
 */
import { OciErrors } from '../../core/errors.ts';
import { newOcid } from '../../core/ids.ts';
import type { EmulatorRequest, Provider, ProviderContext, Route } from '../../core/types.ts';
import { surfaceOf } from '../resource-kit/catalog.ts';
import { transition } from '../resource-kit/lifecycle.ts';
import { RetryTokens } from '../resource-kit/retry-tokens.ts';
import { isoNow, listAnswer } from '../resource-kit/table.ts';
import { timingFromEnv, type Timing } from '../resource-kit/timing.ts';
import { definedTags, freeformTags, notFound, ocid, oneOf, optionalStr, str } from '../resource-kit/validate.ts';
import {
  AD_NAMES,
  FAULT_DOMAINS,
  SERVICE,
  compartments,
  derivedId,
  requireCompartment,
  subtreeOf,
  type IdentityCompartmentRecord,
} from './store.ts';

const NAME = /^[A-Za-z0-9._-]{1,100}$/;
const MAX_DEPTH = 6;

export interface CreateCompartmentInput {
  compartmentId: string;
  name: string;
  description: string;
  freeformTags?: Record<string, string>;
  definedTags?: Record<string, Record<string, unknown>>;
}

export interface IdentityProvider extends Provider {
  /** Create a compartment (validated like CreateCompartment). */
  createCompartment(input: CreateCompartmentInput): IdentityCompartmentRecord;
}

function depthOf(ctx: ProviderContext, id: string): number {
  let d = 0;
  for (let cur = id; cur !== ctx.tenancy.tenancyId; d++) {
    const rec = compartments(ctx).find(cur);
    if (!rec) break;
    cur = rec.compartmentId;
  }
  return d;
}

export function createIdentityProvider(options: Partial<Timing> = {}) {
  return function identityProvider(ctx: ProviderContext): IdentityProvider {
    const timing = timingFromEnv(options);
    const table = compartments(ctx);
    const tokens = new RetryTokens(ctx.store, SERVICE, ctx.now);

    function createCompartment(input: CreateCompartmentInput): IdentityCompartmentRecord {
      const b = input as unknown as Record<string, unknown>;
      const parent = requireCompartment(ctx, b.compartmentId);
      const name = str(b.name, 'name', { max: 100, pattern: NAME });
      const description = str(b.description, 'description', { max: 400 });
      if (depthOf(ctx, parent) + 1 > MAX_DEPTH)
        throw OciErrors.invalidParameter(`Compartments can be nested at most ${MAX_DEPTH} levels deep`);
      if (table.all().some((c) => c.compartmentId === parent && c.name === name && c.lifecycleState !== 'DELETED')) {
        throw OciErrors.conflict(`A compartment named '${name}' already exists in ${parent}`);
      }
      return table.put({
        id: newOcid('compartment', { regional: false }),
        compartmentId: parent,
        name,
        description,
        timeCreated: isoNow(ctx),
        lifecycleState: 'ACTIVE',
        isAccessible: true,
        freeformTags: freeformTags(b.freeformTags),
        definedTags: definedTags(b.definedTags),
      });
    }

    const rootView = () => ({
      id: ctx.tenancy.tenancyId,
      compartmentId: ctx.tenancy.tenancyId,
      name: ctx.tenancy.record.tenancyName,
      description: 'The root compartment of the local tenancy',
      timeCreated: ctx.tenancy.record.createdAt,
      lifecycleState: 'ACTIVE',
      isAccessible: true,
      freeformTags: {},
      definedTags: {},
    });

    const getCompartment = (req: EmulatorRequest) => {
      const id = ocid(req.params.compartmentId, 'compartmentId');
      if (id === ctx.tenancy.tenancyId) return { body: rootView() };
      return table.answer(table.require(id, 'compartmentId'));
    };

    const routes: Route[] = [
      {
        method: 'GET',
        path: '/20160918/compartments',
        operation: 'ListCompartments',
        handler: (req) => {
          const parent = requireCompartment(ctx, req.query('compartmentId'));
          const inSubtree = req.query('compartmentIdInSubtree') === 'true';
          if (inSubtree && parent !== ctx.tenancy.tenancyId)
            throw OciErrors.invalidParameter(
              'compartmentIdInSubtree=true is only allowed when compartmentId is the tenancy',
            );
          const level = req.query('accessLevel');
          if (level !== undefined) oneOf(level, 'accessLevel', ['ANY', 'ACCESSIBLE'] as const);
          const scope = inSubtree ? subtreeOf(ctx, parent) : new Set([parent]);
          const rows = table
            .all()
            .filter((c) => scope.has(c.compartmentId) && (inSubtree || c.compartmentId === parent));
          return listAnswer(req, rows, {
            filters: { name: 'name' },
            sortKeys: { timecreated: 'timeCreated', name: 'name' },
            defaultSortBy: 'name',
            defaultOrder: 'ASC',
          });
        },
      },
      {
        method: 'GET',
        path: '/20160918/compartments/{compartmentId}',
        operation: 'GetCompartment',
        handler: getCompartment,
      },
      {
        method: 'POST',
        path: '/20160918/compartments',
        operation: 'CreateCompartment',
        handler: (req) => {
          const replay = tokens.replayed(req);
          if (replay) return table.answer(table.require(replay));
          const rec = createCompartment(req.json<CreateCompartmentInput>());
          tokens.remember(req, rec.id);
          return table.answer(rec);
        },
      },
      {
        method: 'PUT',
        path: '/20160918/compartments/{compartmentId}',
        operation: 'UpdateCompartment',
        handler: (req) => {
          const rec = table.require(req.params.compartmentId, 'compartmentId');
          table.checkIfMatch(req, rec);
          if (rec.lifecycleState !== 'ACTIVE')
            throw OciErrors.incorrectState(`Compartment ${rec.id} is ${rec.lifecycleState}`);
          const b = req.json();
          const name = optionalStr(b.name, 'name', { max: 100, pattern: NAME });
          if (
            name &&
            name !== rec.name &&
            table
              .all()
              .some((c) => c.compartmentId === rec.compartmentId && c.name === name && c.lifecycleState !== 'DELETED')
          ) {
            throw OciErrors.conflict(`A compartment named '${name}' already exists in ${rec.compartmentId}`);
          }
          const description = optionalStr(b.description, 'description', { max: 400 });
          if (name) rec.name = name;
          if (description !== undefined) rec.description = description;
          if (b.freeformTags !== undefined) rec.freeformTags = freeformTags(b.freeformTags);
          if (b.definedTags !== undefined) rec.definedTags = definedTags(b.definedTags);
          return table.answer(table.put(rec));
        },
      },
      {
        method: 'DELETE',
        path: '/20160918/compartments/{compartmentId}',
        operation: 'DeleteCompartment',
        handler: (req) => {
          const rec = table.require(req.params.compartmentId, 'compartmentId');
          table.checkIfMatch(req, rec);
          if (rec.lifecycleState === 'DELETED' || rec.lifecycleState === 'DELETING')
            throw OciErrors.incorrectState(`Compartment ${rec.id} is already ${rec.lifecycleState}`);
          if (subtreeOf(ctx, rec.id).size > 1)
            throw OciErrors.conflict(`Compartment ${rec.id} still has child compartments`);
          transition(rec, ['DELETING', 'DELETED'], ctx.now(), timing.transitionMs);
          table.put(rec);
          return { status: 202, headers: { 'opc-work-request-id': newOcid('workrequest') } };
        },
      },
      {
        method: 'GET',
        path: '/20160918/availabilityDomains',
        operation: 'ListAvailabilityDomains',
        handler: (req) => {
          requireCompartment(ctx, req.query('compartmentId'));
          return {
            body: AD_NAMES.map((name) => ({
              name,
              id: derivedId(ctx, 'availabilitydomain', name),
              compartmentId: ctx.tenancy.tenancyId,
            })),
          };
        },
      },
      {
        method: 'GET',
        path: '/20160918/faultDomains',
        operation: 'ListFaultDomains',
        handler: (req) => {
          const compartmentId = requireCompartment(ctx, req.query('compartmentId'));
          const ad = str(req.query('availabilityDomain'), 'availabilityDomain');
          if (!(AD_NAMES as readonly string[]).includes(ad))
            throw OciErrors.invalidParameter(
              `Unknown availabilityDomain '${ad}'; this region has ${AD_NAMES.join(', ')}`,
            );
          return {
            body: FAULT_DOMAINS.map((name) => ({
              name,
              id: derivedId(ctx, 'faultdomain', `${ad}/${name}`),
              compartmentId,
              availabilityDomain: ad,
            })),
          };
        },
      },
      {
        method: 'GET',
        path: '/20160918/tenancies/{tenancyId}',
        operation: 'GetTenancy',
        handler: (req) => {
          const id = ocid(req.params.tenancyId, 'tenancyId');
          if (id !== ctx.tenancy.tenancyId) throw notFound('tenancy', id);
          return {
            body: {
              id,
              name: ctx.tenancy.record.tenancyName,
              description: 'Local emulator tenancy',
              homeRegionKey: 'IAD',
              freeformTags: {},
              definedTags: {},
            },
          };
        },
      },
    ];
    return { name: 'identity', routes, ...surfaceOf(['IdentityClient'], routes), createCompartment };
  };
}

export const identityProvider = createIdentityProvider();
