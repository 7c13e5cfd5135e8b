import type { ReactNode } from 'react';
import { useFieldIds } from './ids';

/** What the fields share: a label, an optional hint, an optional error. */
export interface FieldFrameProps {
  /** The visible label. Default: the catalog's label for the field. */
  label?: ReactNode;
  /** A hint under the control. Default: none. */
  description?: ReactNode;
  /** The error to show (already translated). Sets `aria-invalid` and `data-invalid`. Default: none. */
  error?: string | undefined;
  /** The control's id. Default: a generated one. */
  id?: string | undefined;
}

/**
 * The frame of a field: a `div[data-passlink-field]` holding the label, the control, the hint
 * and the error, tied by `aria-describedby`; the error is announced (`role="alert"`).
 */
export function useField({ label, description, error, id }: FieldFrameProps, defaultLabel: string) {
  const ids = useFieldIds(id);
  const describedBy = [description && ids.description, error && ids.error].filter(Boolean).join(' ') || undefined;
  return {
    ids,
    controlProps: { id: ids.control, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy },
    frame: (control: ReactNode) => (
      <div data-passlink-field="" data-invalid={error ? '' : undefined}>
        <label htmlFor={ids.control} data-passlink-label="">
          {label ?? defaultLabel}
        </label>
        {control}
        {description ? (
          <p id={ids.description} data-passlink-description="">
            {description}
          </p>
        ) : null}
        {error ? (
          <p id={ids.error} data-passlink-error="" role="alert">
            {error}
          </p>
        ) : null}
      </div>
    ),
  };
}
