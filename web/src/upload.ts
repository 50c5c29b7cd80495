/**
 * Uploads through a write PAR: one PUT, or (when the API returns a multipart plan) OCI's PAR
 * multipart protocol: PUT url with `opc-multipart: true` → { accessUri }; PUT <accessUri><n> for
 * each part (each retried up to 3 times with backoff); POST <accessUri> commits. XHR for progress.
 */
export interface UploadPlan {
  url: string;
  multipart?: { partSize: number; partCount: number; header: string } | null;
}

function put(
  url: string,
  body: Blob,
  onProgress: (loaded: number) => void,
  headers: Record<string, string> = {},
  method = 'PUT',
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => resolve({ status: xhr.status, text: xhr.responseText });
    xhr.onerror = () => reject(new Error(`the upload to Object Storage failed (network error)`));
    xhr.send(body);
  });
}

const retriable = (status: number) => status === 0 || status === 408 || status === 429 || status >= 500;

async function withRetry<T extends { status: number; text: string }>(
  what: string,
  attempt: () => Promise<T>,
  tries = 3,
): Promise<T> {
  let last: unknown;
  for (let i = 0; i < tries; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, 500 * 2 ** (i - 1)));
    try {
      const r = await attempt();
      if (r.status >= 200 && r.status < 300) return r;
      last = new Error(`${what} answered ${r.status}: ${r.text.slice(0, 200)}`);
      if (!retriable(r.status)) break;
    } catch (e: unknown) {
      last = e;
    }
  }
  throw last instanceof Error ? last : new Error(String(last));
}

/** Uploads `file` with the plan; `onProgress(fraction)` from 0 to 1. */
export async function uploadFile(
  file: Blob,
  plan: UploadPlan,
  contentType: string,
  onProgress: (fraction: number) => void,
): Promise<void> {
  if (!plan.multipart) {
    await withRetry('the upload', () =>
      put(plan.url, file, (n) => onProgress(n / Math.max(1, file.size)), { 'content-type': contentType }),
    );
    onProgress(1);
    return;
  }
  const { partSize, partCount, header } = plan.multipart;
  const [hName, hValue] = header.split(':').map((s) => s.trim()) as [string, string];
  const start = await withRetry('starting the multipart upload', () =>
    put(plan.url, new Blob([]), () => {}, { [hName]: hValue }),
  );
  const accessUri = (JSON.parse(start.text) as { accessUri?: string }).accessUri;
  if (!accessUri) throw new Error('Object Storage did not return the multipart accessUri');
  const base = new URL(accessUri, plan.url).toString();
  const done = new Array<number>(partCount).fill(0);
  const report = () => onProgress(done.reduce((a, b) => a + b, 0) / Math.max(1, file.size));
  // two parts at a time: a browser keeps a handful of connections per host
  let next = 0;
  const worker = async () => {
    while (next < partCount) {
      const i = next++;
      const part = file.slice(i * partSize, Math.min(file.size, (i + 1) * partSize));
      await withRetry(`part ${i + 1} of ${partCount}`, () =>
        put(`${base}${i + 1}`, part, (n) => {
          done[i] = n;
          report();
        }),
      );
      done[i] = part.size;
      report();
    }
  };
  await Promise.all([worker(), worker()]);
  await withRetry('committing the multipart upload', () => put(base, new Blob([]), () => {}, {}, 'POST'));
  onProgress(1);
}
