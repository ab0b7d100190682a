export * from './relative-range';
export * from './templates';
export * from './automation';
export * from './conditions';
export * from './calendar';
export * from './dedupe';
