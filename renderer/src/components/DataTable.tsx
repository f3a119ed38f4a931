// A plain table with one header row of column titles; the caller renders the body rows.
import type { ReactNode } from 'react';

interface DataTableProps {
  className: string;
  /** Column titles in order; an empty string leaves that header cell blank (e.g. a column of buttons). */
  columns: readonly string[];
  label?: string;
  testId?: string;
  children: ReactNode;
}

export function DataTable({ className, columns, label, testId, children }: DataTableProps) {
  return (
    <table className={className} aria-label={label} data-testid={testId}>
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={i}>{c}</th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
