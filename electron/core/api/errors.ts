import { z } from 'zod';

/** Every failure that crosses the API boundary is one of these codes, never a thrown stack. */
export const apiErrorCodeSchema = z.enum([
  'invalid_input',
  'unknown_method',
  'unauthorized',
  'forbidden_sender',
  /** The caller's token may not call this method (the war-room screens' read-only token). */
  'forbidden',
  'not_found',
  'database_corrupt',
  'unavailable',
  'internal',
]);
export type ApiErrorCode = z.infer<typeof apiErrorCodeSchema>;

export const apiErrorSchema = z.object({
  code: apiErrorCodeSchema,
  message: z.string(),
  /** Field paths and reasons for `invalid_input`. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly issues?: ApiErrorBody['issues'],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ApiErrorBody {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }
}

/** What every transport carries back for a call. */
export const callResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: apiErrorSchema }),
]);
export type CallResult = z.infer<typeof callResultSchema>;

export function issuesFromZod(error: z.ZodError): NonNullable<ApiErrorBody['issues']> {
  return error.issues.map((issue) => ({ path: issue.path.join('.') || '(root)', message: issue.message }));
}
