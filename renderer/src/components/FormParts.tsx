// The pieces every form in the console ends with: the error line and the submit/cancel pair.
import type { ReactNode } from 'react';

/** The form's last error, announced to screen readers; nothing when there is none. */
export function FormError({ error }: { error: string | null | undefined }) {
  if (!error) return null;
  return (
    <p className="form-error" role="alert">
      {error}
    </p>
  );
}

/** The primary submit button and a plain cancel button, in the house order. */
export function FormActions({ submit, cancel = 'Cancel', disabled, onCancel }: { submit: ReactNode; cancel?: ReactNode; disabled: boolean; onCancel: () => void }) {
  return (
    <div className="form-actions">
      <button type="submit" className="primary" disabled={disabled}>
        {submit}
      </button>
      <button type="button" onClick={onCancel}>
        {cancel}
      </button>
    </div>
  );
}
