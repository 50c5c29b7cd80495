/** The launch form; a generated private key is shown once, with a download button. */
import { useState } from 'preact/hooks';
import { mutate } from './api.ts';
import { LaunchMutation } from './documents.ts';
import type { LaunchMutation as LaunchData } from './gql/graphql.ts';
import { ErrorBox, download } from './ui.tsx';

export function LaunchView({ compartments }: { compartments: { id: string; path: string }[] }) {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<LaunchData['launchInstance'] | undefined>();
  const submit = async (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const text = (k: string) => String(f.get(k) ?? '').trim();
    setError(undefined);
    setBusy(true);
    try {
      const { launchInstance } = await mutate(LaunchMutation, {
        input: {
          displayName: text('displayName'),
          compartmentId: text('compartmentId'),
          ...(text('shape') ? { shape: text('shape') } : {}),
          ...(text('sshPublicKey') ? { sshPublicKey: text('sshPublicKey') } : {}),
        },
      });
      setResult(launchInstance);
    } catch (e2: unknown) {
      setError(e2);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-label="Launch an instance">
      <form class="launch" onSubmit={(e) => void submit(e)}>
        <label>
          Name <input name="displayName" required pattern="[A-Za-z0-9][A-Za-z0-9 ._\-]*" maxLength={100} />
        </label>
        <label>
          Compartment{' '}
          <select name="compartmentId">
            {compartments.map((c) => (
              <option value={c.id}>{c.path}</option>
            ))}
          </select>
        </label>
        <label>
          Shape <input name="shape" placeholder="VM.Standard.E2.1.Micro" />
        </label>
        <label>
          SSH public key (optional; without one a key pair is generated) <textarea name="sshPublicKey" rows={2} />
        </label>
        <button type="submit" disabled={busy}>
          {busy ? 'Launching…' : 'Launch'}
        </button>
      </form>
      <ErrorBox error={error} />
      {result ? (
        <div class="result" role="status">
          <p>
            Launched <strong>{result.instance.displayName}</strong> ({result.instance.lifecycleState},{' '}
            {result.instance.shape}).
          </p>
          {result.generatedPrivateKey ? (
            <div class="key">
              <p class="warn">
                <strong>This private key is shown once and never stored.</strong> Download it now; it cannot be shown
                again.
              </p>
              <label for="private-key">Generated private key</label>
              <textarea id="private-key" readOnly rows={6} value={result.generatedPrivateKey} />
              <button
                type="button"
                onClick={() =>
                  download(`${result.instance.displayName}.key`, result.generatedPrivateKey!, 'application/x-pem-file')
                }
              >
                Download the private key
              </button>
            </div>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
