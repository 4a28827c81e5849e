// A whole-file problem (not a roster, too large, no such sheet): refused as INVALID with a reason
// code the UI and the CLI can show, before any row is looked at.
import { KbFailure } from '../../util/errors';

export function rosterFailure(code: string, message: string): KbFailure {
  return new KbFailure('INVALID', message, [{ path: code, message }]);
}
