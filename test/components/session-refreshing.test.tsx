import { act, screen, waitFor } from '@testing-library/react';
import { http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { UpdateEmail } from '../../src';
import { ADA, BASE, setup } from './harness';

describe('a session that expires while its refresh is pending', () => {
  it('UpdateEmail shows nothing meanwhile (never "sign in"), and its form again once the refresh lands', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const h = setup();
    await h.signIn(ADA.loginId); // a ten-minute session, refreshed 30 s before it ends
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    // Holds the refresh; once released, the request falls through to the emulator.
    h.server.use(http.post(`${BASE}/v1/auth/try-refresh`, () => held));
    h.renderUI(<UpdateEmail />);
    expect(screen.getByText(`Current: ${ADA.email}`)).toBeInTheDocument();

    act(() => vi.advanceTimersByTime(570_000));
    await waitFor(() => expect(h.count('/v1/auth/try-refresh')).toBe(1));
    act(() => vi.advanceTimersByTime(30_000)); // the session expires, its refresh still unanswered
    expect(h.store.getSnapshot().status).toBe('refreshing');
    expect(screen.queryByText(`Current: ${ADA.email}`)).not.toBeInTheDocument();
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(screen.queryByText('Sign in to change your contact details.')).not.toBeInTheDocument();

    release();
    expect(await screen.findByText(`Current: ${ADA.email}`)).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'New email address' })).toBeInTheDocument();
    expect(h.store.getSnapshot().status).toBe('authenticated');
    expect(h.count('/v1/auth/try-refresh')).toBe(1);
  });
});
