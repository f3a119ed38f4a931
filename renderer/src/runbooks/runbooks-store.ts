// The runbooks screen's state: the library, the runs, the open run with its live output, and the
// SSH questions (host keys, passphrases) the core is waiting on.
import { create } from 'zustand';
import type { Input, RunbookPrompt, RunbookSummary, RunSummary, RunView } from '../../../preload/contract';
import { api, call } from '../api/client';
import { appendTail } from './logic/run-state';

export interface LiveOutput {
  /** The attempt this output belongs to; a new attempt starts empty. */
  attempt: number;
  text: string;
  bytes: number;
}

interface RunbooksStore {
  library: RunbookSummary[] | null;
  libraryError: string | null;
  runs: RunSummary[] | null;
  run: RunView | null;
  runError: string | null;
  live: Record<number, LiveOutput>;
  prompts: RunbookPrompt[];
  loadLibrary: () => Promise<void>;
  loadRuns: () => Promise<void>;
  openRun: (runId: string) => Promise<void>;
  /** Sends a step action; resolves with the error message, or null when the core accepted it. */
  act: (input: Input<'runbooks:act'>) => Promise<string | null>;
  loadPrompts: () => Promise<void>;
}

export const useRunbooks = create<RunbooksStore>((set, get) => ({
  library: null,
  libraryError: null,
  runs: null,
  run: null,
  runError: null,
  live: {},
  prompts: [],
  async loadLibrary() {
    try {
      set({ library: await call('runbooks:list'), libraryError: null });
    } catch (err) {
      set({ libraryError: (err as Error).message });
    }
  },
  async loadRuns() {
    try {
      set({ runs: await call('runbooks:runs', { unfinished: false }) });
    } catch {
      // The list is secondary; the library stays usable and the next change retries.
    }
  },
  async openRun(runId) {
    if (get().run?.id !== runId) set({ run: null, live: {}, runError: null });
    try {
      showRun(await call('runbooks:run', { runId }));
    } catch (err) {
      set({ runError: (err as Error).message });
    }
  },
  async act(input) {
    try {
      showRun(await call('runbooks:act', input));
      return null;
    } catch (err) {
      return (err as Error).message;
    }
  },
  async loadPrompts() {
    try {
      set({ prompts: await call('runbooks:prompts') });
    } catch {
      // Prompts also arrive as events; a failed initial fetch only delays one that was already open.
    }
  },
}));

/** Takes a run view from the core; a step that started a new attempt drops the previous live output. */
function showRun(view: RunView): void {
  const { run, live } = useRunbooks.getState();
  if (run && run.id !== view.id) return;
  // Events and call results race: never replace a newer view with an older one.
  if (run && run.updatedAt > view.updatedAt) return;
  const next = { ...live };
  for (const step of view.steps) {
    const current = next[step.index];
    if (step.status === 'running' && current?.attempt !== step.attempts) next[step.index] = { attempt: step.attempts, text: '', bytes: 0 };
  }
  useRunbooks.setState({ run: view, live: next, runError: null });
}

/** Live updates from the core; returns the unsubscribe. Refetches of the run list are coalesced. */
export function subscribeRunbookEvents(): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const offChanged = api.on('runbooks:run-changed', (view) => {
    if (useRunbooks.getState().run?.id === view.id) showRun(view);
    timer ??= setTimeout(() => {
      timer = null;
      void useRunbooks.getState().loadRuns();
    }, 200);
  });
  const offOutput = api.on('runbooks:output', ({ runId, step, text, bytes }) => {
    const { run, live } = useRunbooks.getState();
    if (run?.id !== runId) return;
    const current = live[step] ?? { attempt: run.steps[step]?.attempts ?? 1, text: '', bytes: 0 };
    useRunbooks.setState({ live: { ...live, [step]: { attempt: current.attempt, text: appendTail(current.text, text), bytes } } });
  });
  return () => {
    offChanged();
    offOutput();
    if (timer) clearTimeout(timer);
  };
}

/** SSH questions wherever the engineer is in the app: mounted once with the prompt dialog. */
export function subscribeRunbookPrompts(): () => void {
  void useRunbooks.getState().loadPrompts();
  const offPrompt = api.on('runbooks:prompt', (prompt) => useRunbooks.setState((s) => ({ prompts: [...s.prompts.filter((p) => p.id !== prompt.id), prompt] })));
  const offClosed = api.on('runbooks:prompt-closed', ({ id }) => useRunbooks.setState((s) => ({ prompts: s.prompts.filter((p) => p.id !== id) })));
  return () => {
    offPrompt();
    offClosed();
  };
}
