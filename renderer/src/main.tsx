import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import { createCockpitClient } from './api/client';
import { App } from './app/App';
import { ErrorBoundary } from './app/ErrorBoundary';
import './app/global.css';
import './app/print.css';

// Created before the router mounts: in browser mode it takes the token out of the URL fragment,
// which the hash router would otherwise read as a route.
const client = createCockpitClient();

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <ErrorBoundary>
      <App client={client} />
    </ErrorBoundary>
  </StrictMode>,
);
