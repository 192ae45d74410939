export * from './schemas/verify';
