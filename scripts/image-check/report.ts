/** The image check's report: one line per check on stdout, and the tally `main` prints at the end. */

export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
}
/** Every check run so far, in order. */
export const results: CheckResult[] = [];
export const say = (line: string) => void process.stdout.write(`${line}\n`);

/** Record and print one check; returns whether it passed. */
export function check(name: string, ok: boolean, detail: string): boolean {
  results.push({ name, ok, detail });
  say(`${ok ? '  ok  ' : '  FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
  return ok;
}

export class CheckFailed extends Error {}

/** A check the next steps depend on: a failure stops the run. */
export function must(name: string, ok: boolean, detail: string): void {
  if (!check(name, ok, detail)) throw new CheckFailed(name);
}
