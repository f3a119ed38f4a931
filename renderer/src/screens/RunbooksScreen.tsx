import { EmptyState } from '../components/EmptyState';

export function RunbooksScreen() {
  return (
    <section aria-labelledby="runbooks-title">
      <h1 id="runbooks-title">Runbooks</h1>
      <EmptyState title="No runbooks loaded">
        <p>
          Runbooks are Markdown files: each <code>##</code> heading is a step, fenced code blocks are commands. Put yours into the <code>runbooks/</code> folder
          of the data directory.
        </p>
      </EmptyState>
    </section>
  );
}
