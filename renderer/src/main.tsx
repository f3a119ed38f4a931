import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { subscribeAlerts } from './alerts/alerts-store';
import { App } from './App';
import { subscribeAppEvents, useAppStore } from './state/app-store';
import './styles.css';

subscribeAppEvents();
subscribeAlerts();
void useAppStore.getState().load();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
