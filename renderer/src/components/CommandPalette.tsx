import { useEffect, useMemo, useRef, useState } from 'react';
import { paletteCommands } from '../commands';
import { useAppStore } from '../state/app-store';

/** Ctrl/Cmd+K: type to filter, arrows to choose, Enter to run, Escape to close. */
export function CommandPalette({ onClose }: { onClose: () => void }) {
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const commands = useMemo(() => {
    const q = query.trim().toLowerCase();
    return paletteCommands().filter((c) => q.split(/\s+/).every((word) => c.title.toLowerCase().includes(word)));
  }, [query]);

  useEffect(() => input.current?.focus(), []);

  const run = (index: number) => {
    const command = commands[index];
    if (!command) return;
    onClose();
    Promise.resolve(command.run()).catch((err: Error) => useAppStore.getState().setError(err.message));
  };

  return (
    <div className="palette-backdrop" onClick={onClose}>
      <div className="palette" role="dialog" aria-label="Command palette" onClick={(e) => e.stopPropagation()}>
        <input
          ref={input}
          value={query}
          placeholder="Type a command…"
          aria-label="Command"
          onChange={(e) => {
            setQuery(e.target.value);
            setSelected(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') onClose();
            else if (e.key === 'ArrowDown') setSelected((s) => Math.min(s + 1, commands.length - 1));
            else if (e.key === 'ArrowUp') setSelected((s) => Math.max(s - 1, 0));
            else if (e.key === 'Enter') run(selected);
            else return;
            e.preventDefault();
          }}
        />
        <ul role="listbox">
          {commands.length === 0 && <li className="muted">No command matches “{query}”.</li>}
          {commands.map((c, i) => (
            <li key={c.id} role="option" aria-selected={i === selected} className={i === selected ? 'selected' : ''} onMouseEnter={() => setSelected(i)} onClick={() => run(i)}>
              <span>{c.title}</span>
              {c.hint && <kbd>{c.hint}</kbd>}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
