/** Boot refusal: the outbox holds unpublished events of types this version has no route for. */
export class UnroutableEventsError extends Error {
  constructor(
    readonly service: string,
    readonly unroutable: Record<string, number>,
  ) {
    const listed = Object.entries(unroutable)
      .map(([type, count]) => `${type} (${count})`)
      .join(', ');
    super(
      `${service} refuses to start: its outbox holds unpublished events of types this version does not know: ${listed}. ` +
        'They were written by a newer version; start that version (or one that routes these types) instead.',
    );
    this.name = 'UnroutableEventsError';
  }
}
