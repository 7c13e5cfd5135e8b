import '@testing-library/jest-dom/vitest';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, expect, it, vi } from 'vitest';
import { OtpField } from '../../src';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** A browser that offers WebOTP and receives `code` by SMS. */
const offerWebOtp = (code: string) => {
  const get = vi.fn((options: CredentialRequestOptions) => {
    expect(options).toMatchObject({ otp: { transport: ['sms'] } });
    expect(options.signal).toBeInstanceOf(AbortSignal);
    return Promise.resolve({ code, type: 'otp' });
  });
  vi.stubGlobal('OTPCredential', function OTPCredential() {});
  Object.defineProperty(navigator, 'credentials', { value: { get }, configurable: true });
  return get;
};

it('fills and completes the code from the SMS when the app opts in to WebOTP', async () => {
  const get = offerWebOtp('482915');
  const onComplete = vi.fn();
  render(<OtpField webOtp onComplete={onComplete} />);
  await waitFor(() => expect(onComplete).toHaveBeenCalledWith('482915'));
  expect(onComplete).toHaveBeenCalledTimes(1);
  expect(screen.getByLabelText('Verification code')).toHaveValue('482915');
  expect(get).toHaveBeenCalledTimes(1);
});

it('does not ask the browser for the code unless the app opts in', async () => {
  const get = offerWebOtp('482915');
  const onComplete = vi.fn();
  // render() runs the field's effects (in act), where WebOTP would be asked; then its promises settle.
  render(<OtpField onComplete={onComplete} />);
  await act(async () => {});
  expect(get).not.toHaveBeenCalled();
  expect(onComplete).not.toHaveBeenCalled();
});

it('cancels the browser request when the field goes away', async () => {
  let signal: AbortSignal | undefined;
  vi.stubGlobal('OTPCredential', function OTPCredential() {});
  Object.defineProperty(navigator, 'credentials', {
    value: {
      get: (options: CredentialRequestOptions) => {
        signal = options.signal ?? undefined;
        return new Promise(() => undefined);
      },
    },
    configurable: true,
  });
  const view = render(<OtpField webOtp />);
  await waitFor(() => expect(signal).toBeDefined());
  view.unmount();
  expect(signal?.aborted).toBe(true);
});
