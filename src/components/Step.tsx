import type { ReactNode } from 'react';
import { useFocusOnChange } from './hooks';

/**
 * A flow step's heading: focused when the step changes (not on the page's first render, which
 * would steal focus), so keyboard and screen-reader users land on the new step.
 */
export function StepHeading({ step, level = 2, children }: { step: string; level?: 1 | 2 | 3; children: ReactNode }) {
  const heading = useFocusOnChange<HTMLHeadingElement>(step);
  const Tag = `h${level}` as 'h2';
  return (
    <Tag ref={heading} tabIndex={-1} data-passlink-heading="">
      {children}
    </Tag>
  );
}
