/** Why a template could not be parsed or rendered; line and column are 1-based in the source. */
export class TemplateError extends Error {
  constructor(
    message: string,
    readonly kind: 'syntax' | 'render' | 'limit',
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'TemplateError';
  }
}
