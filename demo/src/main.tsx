import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PasslinkProvider, storagePersistence } from 'passlink';
import 'passlink/styles.css';
import './demo.css';
import { App } from './App';
import { baseUrl, projectId } from './config';

// localStorage so that a link opened in another tab signs this tab in too (and a reload keeps
// the session). An app that need not survive reloads should keep the default memory store.
createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <PasslinkProvider projectId={projectId} baseUrl={baseUrl} session={{ persistence: storagePersistence(() => localStorage, 'passlink.demo') }}>
      <App />
    </PasslinkProvider>
  </StrictMode>,
);
