/**
 * The one cancellation error of the sync layer: stop() was called (or a request's signal was
 * aborted). Loops end quietly on it; it is never shown to the user as a failure.
 */
export class CancelledError extends Error {
  constructor(message = 'sync stopped') {
    super(message);
    this.name = 'CancelledError';
  }
}
