// The SSH layer's questions as dialogs: trust an unknown host key (with its SHA256 fingerprint, to
// compare against what the host's owner published) and unlock an encrypted key. Mounted app-wide,
// since a run waits on the answer whichever screen is open. The passphrase goes to the core once.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { RunbookPrompt } from '../../../preload/contract';
import { call } from '../api/client';
import { subscribeRunbookPrompts, useRunbooks } from './runbooks-store';
import { FormError } from '../components/FormParts';

export function RunbookPrompts() {
  const prompts = useRunbooks((s) => s.prompts);
  useEffect(() => subscribeRunbookPrompts(), []);
  const first = prompts[0];
  return first ? <PromptDialog key={first.id} prompt={first} /> : null;
}

function PromptDialog({ prompt }: { prompt: RunbookPrompt }) {
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const refuse = useRef<HTMLButtonElement>(null);
  // Enter on a fresh host-key dialog refuses: trusting a key must be a deliberate click.
  useEffect(() => (prompt.kind === 'passphrase' ? input : refuse).current?.focus(), [prompt.kind]);

  const answer = (accept: boolean) => {
    call('runbooks:answer', { promptId: prompt.id, accept, ...(accept && prompt.kind === 'passphrase' ? { passphrase } : {}) })
      .then(() => useRunbooks.setState((s) => ({ prompts: s.prompts.filter((p) => p.id !== prompt.id) })))
      .catch((err: Error) => setError(err.message));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    answer(true);
  };

  const titleId = `prompt-title-${prompt.id}`;
  return (
    <div className="palette-backdrop">
      <form className="panel rb-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && answer(false)}>
        {prompt.kind === 'host-key' ? (
          <>
            <h2 id={titleId}>Unknown host key for {prompt.host}</h2>
            <p>
              {prompt.jumpFor ? `Jump host on the way to ${prompt.jumpFor}: ` : ''}
              <code>
                {prompt.hostname}:{prompt.port}
              </code>{' '}
              presented a {prompt.keyType} key that is neither in <code>~/.ssh/known_hosts</code> nor in the console&apos;s own store.
            </p>
            <p className="rb-fingerprint" data-testid="host-key-fingerprint">
              {prompt.fingerprint}
            </p>
            <p className="muted">Compare it with the fingerprint the host&apos;s owner published (ssh-keygen -lf on the host). Trusting stores it in the console&apos;s known_hosts.</p>
          </>
        ) : (
          <>
            <h2 id={titleId}>Passphrase for {prompt.keyFile}</h2>
            <p>
              Connecting to {prompt.host} needs this encrypted key. The passphrase is used once and never stored.
              {prompt.retry && <strong className="form-error"> That passphrase was wrong; try again.</strong>}
            </p>
            <label className="field">
              Passphrase
              <input ref={input} type="password" autoComplete="off" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
            </label>
          </>
        )}
        <FormError error={error} />
        <div className="form-actions">
          {prompt.kind === 'host-key' ? (
            <button type="submit" className="primary">
              Trust this key
            </button>
          ) : (
            <button type="submit" className="primary">
              Unlock
            </button>
          )}
          <button ref={refuse} type="button" onClick={() => answer(false)}>
            {prompt.kind === 'host-key' ? 'Refuse' : 'Cancel'} <kbd>Esc</kbd>
          </button>
        </div>
      </form>
    </div>
  );
}
