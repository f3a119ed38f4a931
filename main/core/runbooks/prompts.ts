import { randomUUID } from 'node:crypto';
import type { RunbookPrompt } from '../../../preload/contract';
import type { Clock } from '../shared/clock';
import type { SshPrompts } from '../ssh/types';

type Answer = { accept: boolean; passphrase?: string | undefined };
type PromptInput = RunbookPrompt extends infer P ? (P extends RunbookPrompt ? Omit<P, 'id'> : never) : never;

/** Unanswered questions expire so a forgotten dialog cannot hold a connection open forever. */
const promptTtlMs = 10 * 60_000;

/**
 * Questions from the SSH layer to whichever face is open (a dialog in the UI, a prompt in the
 * terminal). The core waits; the face answers with `runbooks:answer`. Passphrases pass through
 * memory once and are never written anywhere.
 */
export class PromptBroker {
  private readonly pending = new Map<string, { prompt: RunbookPrompt; resolve(answer: Answer): void }>();

  constructor(
    private readonly clock: Clock,
    private readonly emit: (prompt: RunbookPrompt) => void,
    private readonly closed: (id: string) => void,
  ) {}

  private ask(input: PromptInput): Promise<Answer> {
    const prompt = { ...input, id: randomUUID() } as RunbookPrompt;
    return new Promise<Answer>((resolve) => {
      const cancel = this.clock.setTimeout(() => this.answer(prompt.id, false), promptTtlMs);
      this.pending.set(prompt.id, {
        prompt,
        resolve: (answer) => {
          cancel();
          resolve(answer);
        },
      });
      this.emit(prompt);
    });
  }

  answer(id: string, accept: boolean, passphrase?: string): boolean {
    const entry = this.pending.get(id);
    if (!entry) return false;
    this.pending.delete(id);
    entry.resolve({ accept, passphrase });
    this.closed(id);
    return true;
  }

  list(): RunbookPrompt[] {
    return [...this.pending.values()].map((p) => p.prompt);
  }

  /** Declines everything still open for a run (it was aborted or closed). */
  dropRun(runId: string): void {
    for (const [id, entry] of this.pending) if (entry.prompt.runId === runId) this.answer(id, false);
  }

  forRun(runId: string | null): SshPrompts {
    return {
      trustHostKey: async (q) => (await this.ask({ kind: 'host-key', runId, ...q })).accept,
      passphrase: async (q) => {
        const a = await this.ask({ kind: 'passphrase', runId, ...q });
        return a.accept && a.passphrase !== undefined ? a.passphrase : null;
      },
    };
  }
}

/** Automated runs have nobody to ask: unknown keys are refused and encrypted keys are skipped. */
export const noHumanPrompts: SshPrompts = {
  trustHostKey: () => Promise.resolve(false),
  passphrase: () => Promise.resolve(null),
};
