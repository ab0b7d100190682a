export * from './enums';
export * from './permissions';
export * from './common';
export * from './filters';
export * from './records';
export * from './org';
