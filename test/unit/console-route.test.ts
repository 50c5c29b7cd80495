import { afterEach, describe, expect, it } from 'vitest';
import { routeConsole } from '#shared/console.ts';
import { createLogger } from '#shared/log.ts';

let undo: (() => void) | undefined;
afterEach(() => {
  undo?.();
  undo = undefined;
});

function capture(level: 'info' | 'debug' = 'info') {
  const lines: Record<string, unknown>[] = [];
  undo = routeConsole(createLogger({ level, sink: (l) => lines.push(JSON.parse(l) as Record<string, unknown>) }));
  return lines;
}

describe('routeConsole', () => {
  it("silences oci-common's retrier lines at info and keeps them as debug JSON", () => {
    const lines = capture();
    console.warn('All retry attempts have exhausted. Total Attempts : 1. Last exception occurred : [object Object]');
    console.warn('Request cannot be retried. Not Retrying. Exception occurred : Error: Not Found');
    expect(lines).toEqual([]);
    const debug = capture('debug');
    console.warn(
      'Request failed with Exception : Error: x\nRetrying request -> Total Attempts : 1, Retrying after 1 seconds...',
    );
    expect(debug).toEqual([
      expect.objectContaining({
        level: 'debug',
        msg: 'oci-sdk retrier',
        text: expect.stringContaining('Request failed'),
      }),
    ]);
  });

  it('turns any other console output into one JSON line at a matching level, secrets redacted', () => {
    const lines = capture();
    console.log('Error in function: %s', 'boom');
    console.error({ a: 1 });
    console.warn('token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln');
    expect(lines.map((l) => [l.level, l.msg, l.text])).toEqual([
      ['info', 'console', 'Error in function: boom'],
      ['error', 'console', '{ a: 1 }'],
      ['warn', 'console', 'token [REDACTED]'],
    ]);
  });

  it('logs each process warning code once as JSON instead of the plain-text default', async () => {
    const lines = capture();
    const warned = new Promise((r) => process.once('warning', r));
    process.emitWarning('`url.parse()` behavior is not standardized', { type: 'DeprecationWarning', code: 'DEP0169' });
    process.emitWarning('`url.parse()` behavior is not standardized', { type: 'DeprecationWarning', code: 'DEP0169' });
    await warned;
    await new Promise((r) => setImmediate(r));
    expect(lines).toEqual([
      expect.objectContaining({ level: 'warn', msg: 'process warning', code: 'DEP0169', name: 'DeprecationWarning' }),
    ]);
  });
});
