import { isMethodName, methods, type MethodName } from './contract';
import { ApiError, issuesFromZod } from './errors';

/**
 * Checks a call at a trust boundary (IPC, HTTP, worker) before any work is done.
 * Throws `ApiError` with `unknown_method` or `invalid_input`; returns the parsed input.
 */
export function parseCall(method: unknown, input: unknown): { method: MethodName; input: unknown } {
  if (!isMethodName(method)) {
    throw new ApiError('unknown_method', `Unknown method: ${String(method).slice(0, 80)}`);
  }
  const parsed = methods[method].input.safeParse(input ?? {});
  if (!parsed.success) {
    throw new ApiError('invalid_input', `Invalid input for ${method}`, issuesFromZod(parsed.error));
  }
  return { method, input: parsed.data };
}
