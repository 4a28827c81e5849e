import type { ErrorCode, Issue, KbError } from '../../shared/api';
import { invalid } from '../../shared/api';

/** An error that crosses the contract as `{ ok: false, error }` with its code kept. */
export class KbFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: Issue[],
  ) {
    super(message);
  }

  toKbError(): KbError {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }
}

export function invalidFailure(issues: Issue[]): KbFailure {
  const e = invalid(issues);
  return new KbFailure('INVALID', e.message, issues);
}

export const notFound = (what: string, id: string) => new KbFailure('NOT_FOUND', `No ${what} with id ${id}`);
