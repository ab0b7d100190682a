export * from './step-cursor';
export * from './matches-trigger';
