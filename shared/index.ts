export * from './schemas/verify';
export * from './schemas/badges';
