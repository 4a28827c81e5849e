import type { Issue } from '../../shared/api';
import { formatPath } from '../../shared/api';

/**
 * Resolves references (an id, or a natural key such as an Action code or an e-mail) to ids.
 * `lookup` returns every id the reference could mean; exactly one is required.
 */
export function resolveRefs(
  refs: readonly string[],
  path: (string | number)[],
  what: string,
  lookup: (ref: string) => string[],
  issues: Issue[],
): string[] {
  const out: string[] = [];
  refs.forEach((ref, i) => {
    const ids = [...new Set(lookup(ref))];
    if (ids.length === 1) {
      if (!out.includes(ids[0]!)) out.push(ids[0]!);
    } else {
      issues.push({
        path: formatPath([...path, i]),
        message: ids.length === 0 ? `No ${what} with id or code "${ref}"` : `"${ref}" matches ${ids.length} ${what}s; use the id`,
      });
    }
  });
  return out;
}

/** Codes that the reference tables do not know, reported with their paths. */
export function unknownCodes(values: readonly string[], known: Set<string>, path: (string | number)[], what: string): Issue[] {
  return values.flatMap((v, i) => (known.has(v) ? [] : [{ path: formatPath([...path, i]), message: `Unknown ${what} code "${v}"` }]));
}
