/** The slice of a structured logger (pino's shape) the database layer needs. */
export interface DbLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}
