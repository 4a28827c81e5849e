import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApi, defaultTransport } from './api/client';
import { App } from './App';
import './styles.css';

const api = createApi(defaultTransport());
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App api={api} />
  </StrictMode>,
);
