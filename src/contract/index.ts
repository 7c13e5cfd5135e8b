export * from './schemas';
export * from './endpoints';
export * from './errors';
export * from './identifiers';
