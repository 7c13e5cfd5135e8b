import { VerifyMagicLink } from 'passlink';

/** Where a magic link lands: verifies it, then goes to the account page. */
export default function VerifyPage() {
  return <VerifyMagicLink redirectTo="/account" recovery={<a href="/login">Back to sign in</a>} />;
}
