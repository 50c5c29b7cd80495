// Preloaded into every function container in soak mode (NODE_OPTIONS=--require, bench/chaos/memory.ts):
// every 10 s one JSON line on stderr with where the container's memory is. RSS split into file-backed
// pages (the node binary's code, shared and reclaimable) and anonymous memory; V8's heap by space
// (physical, i.e. resident, MB); external and ArrayBuffer memory (Buffers) counted by V8.
const v8 = require('node:v8');
const { readFileSync } = require('node:fs');

const mb = (bytes) => Math.round(bytes / 104857.6) / 10;
const SPACES = { new_space: 'new', old_space: 'old', code_space: 'code', trusted_space: 'trusted' };

function statusMb(status, key) {
  const kb = new RegExp(`${key}:\\s+(\\d+)`).exec(status);
  return kb ? Math.round(Number(kb[1]) / 102.4) / 10 : null;
}

setInterval(() => {
  const m = process.memoryUsage();
  let status = '';
  try {
    status = readFileSync('/proc/self/status', 'utf8');
  } catch {
    // no procfs: RSS only
  }
  const spaces = { new: 0, old: 0, code: 0, trusted: 0, large: 0 };
  for (const s of v8.getHeapSpaceStatistics()) {
    const key = SPACES[s.space_name] ?? (s.space_name.endsWith('large_object_space') ? 'large' : null);
    if (key) spaces[key] += s.physical_space_size;
  }
  for (const k of Object.keys(spaces)) spaces[k] = mb(spaces[k]);
  const line = {
    msg: 'memory probe',
    rssMb: mb(m.rss),
    anonMb: statusMb(status, 'RssAnon'),
    fileMb: statusMb(status, 'RssFile'),
    heapUsedMb: mb(m.heapUsed),
    heapTotalMb: mb(m.heapTotal),
    externalMb: mb(m.external),
    arrayBuffersMb: mb(m.arrayBuffers),
    heapLimitMb: mb(v8.getHeapStatistics().heap_size_limit),
    spaces,
  };
  process.stderr.write(`${JSON.stringify(line)}\n`);
}, 10_000).unref();
