/** The issue-11 targets of `npm run bench`: one row per measure, and the summary printed at the end. */

/** One line of the target summary. */
export interface TargetRow {
  what: string;
  value: string;
  target: string;
  met: boolean;
  why?: string;
}

/** `n` with `d` decimals, or `n/a` when it is not a finite number. */
export const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');

/** Prints the one summary of every issue-11 target: which row misses and why. */
export function printTargets(targets: TargetRow[]): void {
  console.log('\n## Targets (issue 11), this run');
  console.log('| measure | this run | target | | why (when missed) |');
  console.log('|---|---|---|---|---|');
  for (const t of targets)
    console.log(`| ${t.what} | ${t.value} | ${t.target} | ${t.met ? 'met' : 'MISSED'} | ${t.why ?? ''} |`);
}
