export * from './format-money';
export * from './render-template';
export * from './template-error';
