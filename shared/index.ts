export * from './schemas/verify';
export * from './schemas/badges';
export * from './escape';
export * from './links';
export * from './snippets';
