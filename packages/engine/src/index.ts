export * from './relative-range';
