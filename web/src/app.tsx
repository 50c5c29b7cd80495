/** The dashboard: sign-in, then tabs for resources, files, exports and launching. */
import { useEffect, useState } from 'preact/hooks';
import { query, setUnauthenticatedHandler } from './api.ts';
import {
  claimsOf,
  completeOidcSignIn,
  devSignIn,
  getToken,
  oidcSignIn,
  signOut,
  takeTokenFromHash,
  type WebConfig,
} from './auth.ts';
import { MeQuery } from './documents.ts';
import { ExportsView } from './exports.tsx';
import { FilesView } from './files.tsx';
import { LaunchView } from './launch.tsx';
import { CompartmentTree, loadCompartments, ResourcesView } from './resources.tsx';
import { ErrorBox, Loading, useLoad } from './ui.tsx';
import { ResourcesQuery } from './documents.ts';

function SignIn({
  config,
  onSignedIn,
  error: initial,
}: {
  config: WebConfig;
  onSignedIn: () => void;
  error?: unknown;
}) {
  const [error, setError] = useState<unknown>(initial);
  const [busy, setBusy] = useState(false);
  if (config.auth === 'oidc') {
    return (
      <main class="signin">
        <h1>OCI dashboard</h1>
        <p>
          Sign in with your organisation's identity provider ({new URL(config.issuer).host}). Your roles come from the
          token's {config.rolesClaim ?? 'roles'} claim.
        </p>
        <button
          type="button"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            oidcSignIn(config).catch((e: unknown) => {
              setError(e);
              setBusy(false);
            });
          }}
        >
          Sign in
        </button>
        <ErrorBox error={error} />
      </main>
    );
  }
  const submit = async (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    setBusy(true);
    setError(undefined);
    try {
      await devSignIn(String(f.get('user') ?? '').trim(), String(f.get('role') ?? 'viewer'));
      onSignedIn();
    } catch (e2: unknown) {
      setError(e2);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="signin">
      <h1>OCI dashboard</h1>
      <p>Local dev sign-in: choose a user and a role; the local API Gateway's dev issuer signs a token for them.</p>
      <form onSubmit={(e) => void submit(e)}>
        <label>
          User <input name="user" required value="dev-user" autoComplete="username" />
        </label>
        <label>
          Role{' '}
          <select name="role">
            <option value="viewer">Viewer</option>
            <option value="operator" selected>
              Operator
            </option>
            <option value="admin">Admin</option>
          </select>
        </label>
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
      <ErrorBox error={error} />
    </main>
  );
}

type Tab = 'resources' | 'files' | 'exports' | 'launch';
const TABS: { id: Tab; label: string }[] = [
  { id: 'resources', label: 'Resources' },
  { id: 'files', label: 'Files' },
  { id: 'exports', label: 'Exports' },
  { id: 'launch', label: 'Launch' },
];

function Dashboard({ onSignOut }: { onSignOut: () => void }) {
  const [tab, setTab] = useState<Tab>('resources');
  const [selected, setSelected] = useState<string | undefined>();
  const me = useLoad(() => query(MeQuery, {}), []);
  const tree = useLoad(loadCompartments, []);
  const current = tree.data?.find((c) => c.id === selected) ?? tree.data?.[0];
  const instances = useLoad(async () => {
    if (!current) return [];
    const r = await query(ResourcesQuery, { compartmentId: current.id, includeSubtree: true, after: null });
    return r.resources.nodes
      .filter((n) => n.kind === 'INSTANCE')
      .map((n) => ({ id: n.id, displayName: n.displayName }));
  }, [tab === 'exports' ? current?.id : undefined]);
  return (
    <>
      <header class="top">
        <h1>OCI dashboard</h1>
        <nav aria-label="Sections" role="tablist">
          {TABS.map((t) => (
            <button type="button" role="tab" aria-selected={tab === t.id} onClick={() => setTab(t.id)}>
              {t.label}
            </button>
          ))}
        </nav>
        <span class="who" data-who>
          {me.data ? `${me.data.me.userId} · ${me.data.me.roles.join(', ')}` : ''}
        </span>
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <ErrorBox error={me.error} />
      <main class="layout">
        <aside>
          {tree.loading && !tree.data ? <Loading what="compartments" /> : null}
          <ErrorBox error={tree.error} />
          {tree.data ? (
            <CompartmentTree
              compartments={tree.data}
              selected={current?.id}
              onSelect={(c) => {
                setSelected(c.id);
                setTab('resources');
              }}
            />
          ) : null}
        </aside>
        <div class="content" role="tabpanel">
          {tab === 'resources' && current ? <ResourcesView compartment={current} /> : null}
          {tab === 'files' ? <FilesView /> : null}
          {tab === 'exports' ? (
            instances.data ? (
              <ExportsView instances={instances.data} />
            ) : (
              <Loading what="instances" />
            )
          ) : null}
          {tab === 'launch' && tree.data ? <LaunchView compartments={tree.data} /> : null}
        </div>
      </main>
    </>
  );
}

export function App({ config }: { config: WebConfig }) {
  const [signedIn, setSignedIn] = useState<boolean>(() => takeTokenFromHash() || getToken() !== null);
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    setUnauthenticatedHandler(() => {
      signOut();
      setSignedIn(false);
    });
    if (config.auth === 'oidc') completeOidcSignIn(config).then((done) => done && setSignedIn(true), setError);
  }, []);
  useEffect(() => {
    // an expired token signs out instead of failing every call
    const exp = Number(claimsOf(getToken() ?? '').exp);
    if (signedIn && Number.isFinite(exp) && exp * 1000 < Date.now()) {
      signOut();
      setSignedIn(false);
    }
  }, [signedIn]);
  if (!signedIn) return <SignIn config={config} error={error} onSignedIn={() => setSignedIn(true)} />;
  return (
    <Dashboard
      onSignOut={() => {
        signOut();
        setSignedIn(false);
      }}
    />
  );
}
