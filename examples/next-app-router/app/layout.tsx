import type { ReactNode } from 'react';
import 'passlink/styles.css';
import { Providers } from './providers.tsx';

export const metadata = { title: 'passlink × Next.js App Router' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>
          <main style={{ maxWidth: 480, margin: '2rem auto', fontFamily: 'system-ui, sans-serif' }}>{children}</main>
        </Providers>
      </body>
    </html>
  );
}
