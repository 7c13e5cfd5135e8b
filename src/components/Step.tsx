import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A flow step's heading: focused when the step changes (not on the page's first render, which
 * would steal focus), so keyboard and screen-reader users land on the new step.
 */
export function StepHeading({ step, level = 2, children }: { step: string; level?: 1 | 2 | 3; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // Compared with the step it last saw (not a "first render" flag, which StrictMode's second
  // effect run would defeat): only a real change of step moves focus.
  const shown = useRef(step);
  useEffect(() => {
    if (shown.current === step) return;
    shown.current = step;
    heading.current?.focus();
  }, [step]);
  const Tag = `h${level}` as 'h2';
  return (
    <Tag ref={heading} tabIndex={-1} data-passlink-heading="">
      {children}
    </Tag>
  );
}
