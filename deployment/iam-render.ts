/**
 * Rendering the IAM model of ./iam.ts: the dynamic groups and statements with every template token replaced by
 * the values of one deployment (the local stack renders them for its emulator; Terraform does the same
 * replacement in `infra/oci/iam.tf`).
 */
import { FUNCTIONS, type FunctionName } from './manifest.ts';
import { DYNAMIC_GROUPS, type Grantee, STATEMENTS } from './iam.ts';

/** What a rendering needs. */
export interface IamRenderContext {
  prefix: string;
  functionIds: Readonly<Record<FunctionName, string>>;
  appCompartmentId: string;
  /** `tenancy` or `compartment id <ocid>` */
  inventoryScope: string;
  filesBucket: string;
  exportBuckets: readonly string[];
  tablePrefix: string;
  /** the reconcile schedule's OCID, if there is one */
  scheduleId?: string;
  instanceManagement: boolean;
}

function fill(text: string, c: IamRenderContext, exportBucket?: string): string {
  let out = text
    .replaceAll('@PREFIX@', c.prefix)
    .replaceAll('@APP_ID@', c.appCompartmentId)
    .replaceAll('@APP@', `compartment id ${c.appCompartmentId}`)
    .replaceAll('@INVENTORY@', c.inventoryScope)
    .replaceAll('@FILES_BUCKET@', c.filesBucket)
    .replaceAll('@TABLE_PREFIX@', c.tablePrefix)
    .replaceAll('@SCHEDULE_ID@', c.scheduleId ?? '');
  for (const fn of FUNCTIONS) out = out.replaceAll(`@FN_ID_${fn.toUpperCase()}@`, c.functionIds[fn]);
  if (exportBucket !== undefined) out = out.replaceAll('@EXPORT_BUCKET@', exportBucket);
  const left = /@[A-Z_]+@/.exec(out);
  if (left) throw new Error(`IAM template token ${left[0]} left unreplaced in: ${text}`);
  return out;
}

export interface RenderedStatement {
  id: string;
  grantee: Grantee;
  text: string;
}

/** The dynamic groups and statements with every token replaced (the local stack; tests). */
export function renderIam(c: IamRenderContext): {
  dynamicGroups: { name: string; matchingRule: string }[];
  statements: RenderedStatement[];
} {
  const statements: RenderedStatement[] = [];
  for (const s of STATEMENTS) {
    if (s.when === 'instanceManagement' && !c.instanceManagement) continue;
    if (s.when === 'readOnly' && c.instanceManagement) continue;
    if (s.when === 'schedule' && !c.scheduleId) continue;
    if (s.when === 'deployOnly') continue;
    if (s.forEach === 'exportBucket') {
      for (const b of c.exportBuckets)
        statements.push({ id: `${s.id}:${b}`, grantee: s.grantee, text: fill(s.text, c, b) });
    } else statements.push({ id: s.id, grantee: s.grantee, text: fill(s.text, c) });
  }
  return {
    dynamicGroups: DYNAMIC_GROUPS.map((d) => ({ name: fill(d.name, c), matchingRule: fill(d.matchingRule, c) })),
    statements,
  };
}
