import type * as PhoneLibModule from 'libphonenumber-js/min';

let phoneLib: Promise<typeof PhoneLibModule> | undefined;

/**
 * libphonenumber-js with its metadata, loaded on first use: a screen without a phone field never
 * downloads it. (A module of its own, so that the component modules export only components.)
 */
export const loadPhoneLib = (): Promise<typeof PhoneLibModule> =>
  (phoneLib ??= import('libphonenumber-js/min').catch((error: unknown) => {
    // A failed download (offline, a deploy in between) is not cached: the next use tries again.
    phoneLib = undefined;
    throw error;
  }));
