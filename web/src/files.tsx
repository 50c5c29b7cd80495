/** Quota gauges and the file browser: per kind and collection, list, upload (PAR), download, delete. */
import { useState } from 'preact/hooks';
import { formatBytes, mutate, query } from './api.ts';
import {
  CreateDownloadUrlMutation,
  CreateUploadUrlMutation,
  DeleteFileMutation,
  FilesQuery,
  QuotaQuery,
} from './documents.ts';
import type { FileKind, QuotaQuery as QuotaData } from './gql/graphql.ts';
import { Empty, ErrorBox, Gauge, Loading, openUrl, useLoad, usePoll } from './ui.tsx';
import { uploadFile } from './upload.ts';

export function QuotaGauges({ quota }: { quota: QuotaData['quota'] }) {
  const s = quota.storage,
    r = quota.rateLimits;
  return (
    <section class="gauges" aria-label="Quota">
      <Gauge
        id="storage"
        label={`Storage (${quota.tier})`}
        value={s.usedBytes}
        max={s.limitBytes}
        text={
          `${formatBytes(s.usedBytes)} of ` +
          `${formatBytes(s.limitBytes)}${s.reservedBytes ? `, ${formatBytes(s.reservedBytes)} reserved` : ''}`
        }
      />
      <Gauge
        id="hourly"
        label="Uploads this hour"
        value={r.uploadsLastHour}
        max={r.hourlyLimit}
        text={`${r.uploadsLastHour} of ${r.hourlyLimit}`}
      />
      <Gauge
        id="daily"
        label="Uploads today"
        value={r.uploadsLastDay}
        max={r.dailyLimit}
        text={`${r.uploadsLastDay} of ${r.dailyLimit}`}
      />
      <p class="muted">Largest file: {formatBytes(quota.fileSize.maxBytes)}</p>
    </section>
  );
}

export function FilesView() {
  const [kind, setKind] = useState<FileKind>('DATASET');
  const [collection, setCollection] = useState('default');
  const [progress, setProgress] = useState<{ name: string; fraction: number } | undefined>();
  const [error, setError] = useState<unknown>();
  const [settling, setSettling] = useState<number | undefined>();
  const quota = useLoad(() => query(QuotaQuery, {}), []);
  const files = useLoad(async () => {
    const collectionId = collection.trim() || null;
    return (await query(FilesQuery, { kind, collectionId, after: null })).files;
  }, [kind, collection]);
  const [more, setMore] = useState<
    { nodes: NonNullable<typeof files.data>['nodes']; after: string | null } | undefined
  >();

  // the quota settles from bucket events after an upload: poll it (with backoff) until it moves
  usePoll(
    settling !== undefined,
    async () => {
      const q = await query(QuotaQuery, {});
      quota.set(q);
      if (q.quota.storage.usedBytes !== settling) {
        setSettling(undefined);
        files.reload();
        return true;
      }
      return false;
    },
    500,
    5000,
  );

  const upload = async (file: File) => {
    setError(undefined);
    const collectionId = collection.trim();
    try {
      if (!collectionId) throw new Error('Name a collection (the data set, model or job id) first.');
      const before = quota.data?.quota.storage.usedBytes ?? 0;
      const contentType = file.type || 'application/octet-stream';
      const { createUploadUrl } = await mutate(CreateUploadUrlMutation, {
        input: {
          kind,
          collectionId,
          filename: kind === 'LOG' ? 'output.log' : file.name,
          sizeBytes: file.size,
          contentType,
        },
      });
      setProgress({ name: file.name, fraction: 0 });
      await uploadFile(file, createUploadUrl, contentType, (fraction) => setProgress({ name: file.name, fraction }));
      setSettling(before);
    } catch (e: unknown) {
      setError(e);
    } finally {
      setProgress(undefined);
    }
  };
  const download = async (uri: string) => {
    setError(undefined);
    try {
      openUrl((await mutate(CreateDownloadUrlMutation, { uri })).createDownloadUrl.url);
    } catch (e: unknown) {
      setError(e);
    }
  };
  const remove = async (uri: string, name: string) => {
    if (!confirm(`Delete ${name}?`)) return;
    setError(undefined);
    try {
      await mutate(DeleteFileMutation, { uri });
      setSettling(quota.data?.quota.storage.usedBytes ?? 0);
      files.reload();
    } catch (e: unknown) {
      setError(e);
    }
  };
  const loadMore = async () => {
    const after = more?.after ?? files.data?.pageInfo.endCursor ?? null;
    const page = (await query(FilesQuery, { kind, collectionId: collection.trim() || null, after })).files;
    setMore({
      nodes: [...(more?.nodes ?? []), ...page.nodes],
      after: page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? null) : null,
    });
  };
  const nodes = [...(files.data?.nodes ?? []), ...(more?.nodes ?? [])];
  return (
    <section aria-label="Files">
      {quota.data ? <QuotaGauges quota={quota.data.quota} /> : quota.loading ? <Loading what="quota" /> : null}
      <ErrorBox error={quota.error} />
      <form class="row" onSubmit={(e) => e.preventDefault()}>
        <label>
          Kind{' '}
          <select
            value={kind}
            onChange={(e) => {
              setKind((e.target as HTMLSelectElement).value as FileKind);
              setMore(undefined);
            }}
          >
            <option value="DATASET">Data sets</option>
            <option value="MODEL">Models</option>
            <option value="LOG">Training logs</option>
          </select>
        </label>
        <label>
          Collection{' '}
          <input
            value={collection}
            onInput={(e) => {
              setCollection((e.target as HTMLInputElement).value);
              setMore(undefined);
            }}
            placeholder="data set, model or job id"
          />
        </label>
        <label class="upload">
          Upload a file{' '}
          <input
            type="file"
            onChange={(e) => {
              const f = (e.target as HTMLInputElement).files?.[0];
              if (f) void upload(f);
              (e.target as HTMLInputElement).value = '';
            }}
            disabled={!!progress}
          />
        </label>
      </form>
      {progress ? (
        <div class="progress">
          <label for="upload-progress">Uploading {progress.name}</label>
          <progress id="upload-progress" max={1} value={progress.fraction} /> {(progress.fraction * 100).toFixed(0)} %
        </div>
      ) : null}
      {settling !== undefined ? (
        <p class="muted" role="status">
          Upload done; waiting for the quota to settle…
        </p>
      ) : null}
      <ErrorBox error={error} />
      <ErrorBox error={files.error} />
      {files.loading && !files.data ? <Loading what="files" /> : null}
      {files.data && nodes.length === 0 ? <Empty>No files here yet. Upload one above.</Empty> : null}
      {nodes.length ? (
        <table class="files">
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Collection</th>
              <th scope="col">Size</th>
              <th scope="col">Written</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {nodes.map((f) => (
              <tr key={f.uri} data-file={f.filename}>
                <th scope="row">{f.filename}</th>
                <td>{f.collectionId}</td>
                <td>{formatBytes(f.sizeBytes)}</td>
                <td>{f.timeCreated ? new Date(f.timeCreated).toLocaleString() : ''}</td>
                <td>
                  <button type="button" onClick={() => void download(f.uri)} aria-label={`Download ${f.filename}`}>
                    Download
                  </button>
                  <button
                    type="button"
                    onClick={() => void remove(f.uri, f.filename)}
                    aria-label={`Delete ${f.filename}`}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {(more ? more.after : files.data?.pageInfo.hasNextPage) ? (
        <button type="button" onClick={() => void loadMore()}>
          Load more
        </button>
      ) : null}
    </section>
  );
}
