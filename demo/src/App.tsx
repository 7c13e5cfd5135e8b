import { useState } from 'react';
import {
  ContactUpdate,
  PasslinkMessages,
  PasswordlessLogin,
  VerifyMagicLink,
  de,
  enchantedLinkMethod,
  es,
  fr,
  useLogout,
  useSession,
  useUser,
  type Catalog,
} from 'passlink';
import { Outbox } from './Outbox';
import { usesEmulator } from './config';
import { navigate, usePath } from './router';

const catalogs: Record<string, Catalog | undefined> = { en: undefined, es, fr, de };
const languages = [
  ['en', 'English'],
  ['es', 'Español'],
  ['fr', 'Français'],
  ['de', 'Deutsch'],
] as const;

function Link({ to, children }: { to: string; children: string }) {
  return (
    <a
      href={to}
      onClick={(event) => {
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}

function SignInPage() {
  const { isAuthenticated, user } = useSession();
  if (isAuthenticated) {
    return (
      <section className="card">
        <h1>You are signed in</h1>
        <p>Signed in as {user?.email || user?.phone || user?.loginIds[0]}.</p>
        <Link to="/account">Go to your account</Link>
      </section>
    );
  }
  return (
    <>
      <h1>Sign in to the passlink demo</h1>
      <PasswordlessLogin
        className="card"
        redirectUrl={`${location.origin}/verify`}
        methods={[
          { via: 'magicLink', method: 'email' },
          // "Email link (any device)": open the email anywhere, tap the number shown here.
          enchantedLinkMethod,
          { via: 'magicLink', method: 'sms' },
          { via: 'otp', method: 'sms' },
          { via: 'otp', method: 'voice' },
          { via: 'otp', method: 'email' },
        ]}
        onSignedIn={() => navigate('/account')}
      />
    </>
  );
}

function VerifyPage() {
  return <VerifyMagicLink className="card" onSuccess={() => navigate('/account')} recovery={<Link to="/">Back to sign in</Link>} />;
}

function AccountPage() {
  const { status } = useSession();
  const user = useUser();
  const logout = useLogout();
  // 'refreshing': an expired session whose refresh is under way (or waiting to be back online).
  if (status === 'loading' || status === 'refreshing') return null;
  if (status === 'unauthenticated') {
    return (
      <section className="card">
        <h1>Your account</h1>
        <p>You are signed out.</p>
        <Link to="/">Sign in</Link>
      </section>
    );
  }
  return (
    <>
      <h1>Your account</h1>
      <section className="card" aria-labelledby="profile-title">
        <h2 id="profile-title">Profile</h2>
        {user.data ? (
          <dl>
            <dt>Name</dt>
            <dd>{user.data.name || '—'}</dd>
            <dt>Email</dt>
            <dd data-testid="account-email">{user.data.email || '—'}</dd>
            <dt>Phone</dt>
            <dd data-testid="account-phone">{user.data.phone || '—'}</dd>
            <dt>Login ids</dt>
            <dd>{user.data.loginIds.join(', ')}</dd>
          </dl>
        ) : (
          <p role="status">{user.isError ? 'Could not load your profile.' : 'Loading your profile…'}</p>
        )}
        <button type="button" onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/') })}>
          Sign out
        </button>
      </section>
      <ContactUpdate
        className="card"
        email={{ via: 'magicLink', redirectUrl: `${location.origin}/verify` }}
        phone={{ via: 'otp', method: 'sms' }}
      />
    </>
  );
}

export function App() {
  const path = usePath();
  const [language, setLanguage] = useState('en');
  const [theme, setTheme] = useState<'light' | 'dark'>(() => (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'));
  const page = path === '/verify' ? <VerifyPage /> : path === '/account' ? <AccountPage /> : <SignInPage />;
  return (
    <PasslinkMessages locale={language} catalog={catalogs[language]}>
      <div className="app" data-theme={theme}>
        <header>
          <nav aria-label="Demo">
            <Link to="/">Sign in</Link>
            <Link to="/account">Account</Link>
          </nav>
          <div className="settings">
            <label>
              Language{' '}
              <select value={language} onChange={(event) => setLanguage(event.target.value)}>
                {languages.map(([code, name]) => (
                  <option key={code} value={code}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" aria-pressed={theme === 'dark'} onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}>
              Dark theme
            </button>
          </div>
        </header>
        <div className="layout">
          <main lang={language}>{page}</main>
          {usesEmulator ? <Outbox /> : null}
        </div>
      </div>
    </PasslinkMessages>
  );
}
