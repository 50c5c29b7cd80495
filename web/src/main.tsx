/** Entry: load the deployment's sign-in settings, then render the app. */
import { render } from 'preact';
import { createApi } from './api.ts';
import { App } from './app.tsx';
import { loadConfig } from './auth.ts';
import './styles.css';

const root = document.getElementById('app')!;
loadConfig().then(
  (config) => {
    createApi(config.graphqlUrl);
    root.textContent = '';
    render(<App config={config} />, root);
  },
  (e: unknown) => {
    root.textContent = `The dashboard cannot start: ${e instanceof Error ? e.message : String(e)}`;
  },
);
