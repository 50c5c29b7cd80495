/**
 * Stable OCIDs for the local application and its functions, kept in `<stateDir>/stack/functions.json`
 * so tokens, rules and logs keep naming the same functions across restarts.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isOcid, newOcid } from '#local/emulator/core/ids.ts';
import { writeFileAtomic } from '#local/emulator/core/store.ts';
import { FUNCTIONS, type FunctionName } from '#local/product.ts';

export interface FunctionIds {
  appId: string;
  functions: Record<FunctionName, string>;
}

export function loadFunctionIds(stateDir: string): FunctionIds {
  const dir = join(stateDir, 'stack');
  const file = join(dir, 'functions.json');
  let saved: Partial<FunctionIds> = {};
  try {
    saved = JSON.parse(readFileSync(file, 'utf8')) as Partial<FunctionIds>;
  } catch (e: unknown) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new Error(`${file} is not readable JSON; delete it to get new function OCIDs`, { cause: e });
  }
  const appId = isOcid(saved.appId, 'fnapp') ? saved.appId : newOcid('fnapp');
  const functions = {} as Record<FunctionName, string>;
  for (const fn of FUNCTIONS) {
    const prior = saved.functions?.[fn];
    functions[fn] = isOcid(prior, 'fnfunc') ? prior : newOcid('fnfunc');
  }
  const ids = { appId, functions };
  if (JSON.stringify(ids) !== JSON.stringify(saved)) {
    mkdirSync(dir, { recursive: true });
    writeFileAtomic(file, JSON.stringify(ids, null, 2));
  }
  return ids;
}
