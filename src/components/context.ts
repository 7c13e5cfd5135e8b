import { createContext, useContext, type Provider } from 'react';

/**
 * One context per concern: `const LoginFormContext = createPartContext<T>('LoginForm.Root')`.
 * A part used outside its root throws an error that names the part and the root it needs;
 * the context never defaults to a value that would hide the mistake.
 */
export function createPartContext<T>(root: string): { Provider: Provider<T | null>; use: (part: string) => T } {
  const Context = createContext<T | null>(null);
  const use = (part: string): T => {
    const value = useContext(Context);
    if (value === null) throw new Error(`<${part}> must be used inside <${root}>.`);
    return value;
  };
  return { Provider: Context.Provider, use };
}
