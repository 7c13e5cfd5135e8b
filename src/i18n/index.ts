export { en } from './en';
export type { MessageId, Catalog } from './en';
export { es } from './es';
export { fr } from './fr';
export { de } from './de';
export { describeError, formatMessage, createTranslator } from './messages';
export type { MessageValues, Translate } from './messages';
