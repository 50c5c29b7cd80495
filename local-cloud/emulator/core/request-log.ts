/** The last N requests the emulator answered, for tests and debugging (`/_emulator/requests`). */
export interface RequestLogEntry {
  seq: number;
  time: string;
  requestId: string;
  service: string;
  operation: string;
  method: string;
  path: string;
  status: number;
  code?: string;
  /** principal OCID, `par` for pre-authenticated use, `anonymous` otherwise */
  caller: string;
  durationMs: number;
  /** IAM refused the request: the permission no statement granted (see the emulator's IAM) */
  missingPermission?: string;
}

/**
 * A path with its pre-authenticated request token replaced: `/p/<token>/n/...` → `/p/<redacted>/n/...`.
 * A PAR URL is a working credential, and the log is readable through `/_emulator/requests`.
 */
export function redactParPath(path: string): string {
  return path.startsWith('/p/') ? path.replace(/^\/p\/[^/]*/, '/p/<redacted>') : path;
}

export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private seq = 0;
  constructor(private readonly capacity = 5000) {}
  add(e: Omit<RequestLogEntry, 'seq'>): void {
    this.entries.push({ ...e, path: redactParPath(e.path), seq: ++this.seq });
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }
  query(f: { service?: string; operation?: string; sinceSeq?: number } = {}): RequestLogEntry[] {
    return this.entries.filter(
      (e) =>
        (!f.service || e.service === f.service) &&
        (!f.operation || e.operation === f.operation) &&
        (f.sinceSeq === undefined || e.seq > f.sinceSeq),
    );
  }
  get lastSeq(): number {
    return this.seq;
  }
  clear(): void {
    this.entries = [];
  }
}
