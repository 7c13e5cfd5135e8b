import { useId } from 'react';

/** Stable ids for a field's control, description and error, tied by aria attributes. */
export const useFieldIds = (id?: string) => {
  const generated = useId();
  const base = id || `passlink-${generated.replace(/:/g, '')}`;
  return { control: base, description: `${base}-description`, error: `${base}-error` };
};
