/**
 * The policies the local stack enforces: the deployment manifest's IAM model (deployment/iam.ts)
 * rendered with the local OCIDs (everything lives in the tenancy's root compartment locally), plus
 * the user's own statements from `<STATE_DIR>/iam/statements.txt` (one statement per line, `#`
 * comments), to try a policy change before applying it. A bad line stops the start, naming it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FILES_BUCKET, renderIam, type FunctionName } from '#local/product.ts';
import {
  IamSyntaxError,
  parsePolicyStatement,
  type IamPolicySet,
  type SourcedStatement,
} from '#local/emulator/iam/index.ts';

/** Name prefix of the local dynamic groups (Terraform uses var.name_prefix). */
export const LOCAL_IAM_PREFIX = 'local';

export interface StackPolicyOptions {
  stateDir: string;
  functionIds: Readonly<Record<FunctionName, string>>;
  appCompartmentId: string;
  scheduleId: string;
  exportBuckets: readonly string[];
  tablePrefix: string;
  /** the Terraform `allow_instance_management` @default true */
  instanceManagement?: boolean;
  /** drop manifest statements by id (the statement-removal test) @default none */
  without?: readonly string[];
}

export function userStatementsFile(stateDir: string): string {
  return join(stateDir, 'iam', 'statements.txt');
}

/** The user's statements file, parsed line by line (errors name the line). */
export function readUserStatements(file: string): SourcedStatement[] {
  if (!existsSync(file)) return [];
  const out: SourcedStatement[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((raw, i) => {
      const text = raw.trim();
      if (!text || text.startsWith('#')) return;
      try {
        parsePolicyStatement(text);
      } catch (e: unknown) {
        throw new Error(`${file}:${i + 1}: ${e instanceof IamSyntaxError ? e.message : String(e)}`);
      }
      out.push({ text, source: `${file}:${i + 1}` });
    });
  return out;
}

export function loadStackPolicies(o: StackPolicyOptions): {
  set: IamPolicySet;
  userStatements: number;
  userFile: string;
} {
  const rendered = renderIam({
    prefix: LOCAL_IAM_PREFIX,
    functionIds: o.functionIds,
    appCompartmentId: o.appCompartmentId,
    inventoryScope: 'tenancy',
    filesBucket: FILES_BUCKET,
    exportBuckets: [...new Set(o.exportBuckets)],
    tablePrefix: o.tablePrefix,
    scheduleId: o.scheduleId,
    instanceManagement: o.instanceManagement ?? true,
  });
  const skip = new Set(o.without ?? []);
  const userFile = userStatementsFile(o.stateDir);
  const user = readUserStatements(userFile);
  return {
    set: {
      dynamicGroups: rendered.dynamicGroups,
      statements: [
        ...rendered.statements
          .filter((s) => !skip.has(s.id) && !skip.has(s.id.split(':')[0]!))
          .map((s) => ({ text: s.text, source: `deployment/iam.ts ${s.id}` })),
        ...user,
      ],
    },
    userStatements: user.length,
    userFile,
  };
}
