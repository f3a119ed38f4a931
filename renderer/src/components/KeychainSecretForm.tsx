// Seals a probe header secret in the OS keychain (desktop app only), so config.yml names it as
// keychain:NAME and never holds the value. The field is cleared as soon as the core has it.
import { useState, type FormEvent } from 'react';
import { call } from '../api/client';

export function KeychainSecretForm() {
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    call('app:store-secret', { name, value }).then(
      (r) => {
        setValue('');
        setMessage(`Stored. In config.yml write the header value as ${r.reference}`);
      },
      (err: Error) => setMessage(err.message),
    );
  };
  return (
    <form onSubmit={submit} className="keychain-form" aria-label="Store a secret in the keychain">
      <label>
        Name <input value={name} onChange={(e) => setName(e.target.value)} pattern="[A-Za-z_][A-Za-z0-9_.\-]{0,63}" required placeholder="grafana_token" />
      </label>{' '}
      <label>
        Value <input type="password" autoComplete="off" value={value} onChange={(e) => setValue(e.target.value)} required />
      </label>{' '}
      <button type="submit">Store in keychain</button>
      {message && <p className="small" role="status">{message}</p>}
    </form>
  );
}
