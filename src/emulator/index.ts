export { createEmulator, spokenCode } from './emulator';
export type { CookieOptions, Emulator, EmulatorOptions, EmulatorRequest, EmulatorResponse, EmulatorStats, Fault, SeedUser, TokenTransport } from './emulator';
export { Outbox } from './outbox';
export type { Channel, EnchantedLinkChoice, MessagePurpose, OutboxFilter, OutboxMessage } from './outbox';
export { maskEmail, maskPhone } from './mask';
export { defaultRateLimits } from './rate-limit';
export type { RateLimits } from './rate-limit';
