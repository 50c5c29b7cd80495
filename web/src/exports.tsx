/** Export jobs: start, progress (polling percentComplete with backoff), cancel, download. */
import { useState } from 'preact/hooks';
import { formatBytes, mutate, query } from './api.ts';
import {
  CancelExportMutation,
  ExportDownloadMutation,
  ExportInstanceMutation,
  ExportJobQuery,
  ExportJobsQuery,
} from './documents.ts';
import type { ExportFormat, ExportJobsQuery as JobsData } from './gql/graphql.ts';
import { Empty, ErrorBox, Loading, openUrl, useLoad, usePoll } from './ui.tsx';

type Job = JobsData['exportJobs']['nodes'][number];
const ACTIVE = new Set(['PENDING', 'CREATING_IMAGE', 'EXPORTING', 'CLEANING_UP']);
const CANCELABLE = new Set(['PENDING', 'CREATING_IMAGE', 'EXPORTING']);

function JobRow({ job, onChange }: { job: Job; onChange: (j: Job) => void }) {
  const [error, setError] = useState<unknown>();
  usePoll(
    ACTIVE.has(job.state),
    async () => {
      const { exportJob } = await query(ExportJobQuery, { id: job.id });
      onChange(exportJob);
      return !ACTIVE.has(exportJob.state);
    },
    1000,
    15_000,
  );
  const run = async (f: () => Promise<void>) => {
    setError(undefined);
    try {
      await f();
    } catch (e: unknown) {
      setError(e);
    }
  };
  return (
    <tr data-job={job.id} data-state={job.state}>
      <th scope="row">{job.instanceName}</th>
      <td>{job.format}</td>
      <td>
        {job.state}
        {job.error ? <span class="muted"> ({job.error})</span> : null}
      </td>
      <td>
        <progress max={100} value={job.percentComplete} aria-label={`Progress of the export of ${job.instanceName}`} />
        {` ${job.percentComplete} %`}
      </td>
      <td>{job.sizeBytes != null ? formatBytes(job.sizeBytes) : ''}</td>
      <td>
        {CANCELABLE.has(job.state) ? (
          <button
            type="button"
            onClick={() =>
              void run(async () => onChange((await mutate(CancelExportMutation, { id: job.id })).cancelExport))
            }
          >
            Cancel
          </button>
        ) : null}
        {job.state === 'SUCCEEDED' ? (
          <button
            type="button"
            onClick={() =>
              void run(async () =>
                openUrl((await mutate(ExportDownloadMutation, { jobId: job.id })).createExportDownloadUrl.url),
              )
            }
          >
            Download
          </button>
        ) : null}
        <ErrorBox error={error} />
      </td>
    </tr>
  );
}

export function ExportsView({ instances }: { instances: { id: string; displayName: string }[] }) {
  const [instanceId, setInstanceId] = useState('');
  const [format, setFormat] = useState<ExportFormat>('QCOW2');
  const [error, setError] = useState<unknown>();
  const jobs = useLoad(async () => (await query(ExportJobsQuery, { after: null })).exportJobs.nodes, []);
  const replace = (j: Job) => jobs.set((jobs.data ?? []).map((x) => (x.id === j.id ? j : x)));
  const start = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    try {
      const id = instanceId || instances[0]?.id;
      if (!id) throw new Error('Choose an instance to export.');
      const { exportInstance } = await mutate(ExportInstanceMutation, { input: { instanceId: id, format } });
      jobs.set([exportInstance, ...(jobs.data ?? [])]);
    } catch (e2: unknown) {
      setError(e2);
    }
  };
  return (
    <section aria-label="Exports">
      <form class="row" onSubmit={(e) => void start(e)}>
        <label>
          Instance{' '}
          <select value={instanceId} onChange={(e) => setInstanceId((e.target as HTMLSelectElement).value)}>
            {instances.map((i) => (
              <option value={i.id}>{i.displayName}</option>
            ))}
          </select>
        </label>
        <label>
          Format{' '}
          <select value={format} onChange={(e) => setFormat((e.target as HTMLSelectElement).value as ExportFormat)}>
            {['QCOW2', 'VMDK', 'OCI', 'VHD', 'VDI'].map((f) => (
              <option value={f}>{f}</option>
            ))}
          </select>
        </label>
        <button type="submit">Start export</button>
      </form>
      <ErrorBox error={error} />
      <ErrorBox error={jobs.error} />
      {jobs.loading && !jobs.data ? <Loading what="export jobs" /> : null}
      {jobs.data && jobs.data.length === 0 ? <Empty>No export jobs yet.</Empty> : null}
      {jobs.data?.length ? (
        <table class="jobs">
          <thead>
            <tr>
              <th scope="col">Instance</th>
              <th scope="col">Format</th>
              <th scope="col">State</th>
              <th scope="col">Progress</th>
              <th scope="col">Size</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {jobs.data.map((j) => (
              <JobRow key={j.id} job={j} onChange={replace} />
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
