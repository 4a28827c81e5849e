// The default weights of the preparation brief: data, not logic. Each list's weights add up to 100
// so a score reads as "points out of 100". docs/brief.md explains every factor; a caller may
// override any weight per request (PrepareBriefInput.weights), the UI and the CLI included.
import type { BriefWeights, ParsedInput } from '../../shared/api';

export const DEFAULT_WEIGHTS: BriefWeights = {
  actions: {
    // Share of the requested topics the Action also worked on: the strongest sign of a similar Action.
    topic: 40,
    // How well the Action's texts match the request's description (search engine, thesaurus, stemming).
    text: 25,
    // Same partner country (1) or same MIEUX+ region (0.5).
    place: 20,
    // Recent Actions reflect today's institutions and policies; 0 after 15 years.
    recency: 10,
    // Same thematic domain.
    domain: 5,
  },
  lessons: {
    topic: 25,
    place: 20,
    // Learned on one of the brief's similar Actions.
    similarAction: 15,
    // Problems and recommendations first: they say what to do differently.
    kind: 20,
    // Validated before reviewed before draft (retired lessons are never proposed).
    review: 15,
    recency: 5,
  },
  experts: {
    topic: 30,
    // Speaks a working language of the partner country at the level needed (B2 or better by default).
    language: 20,
    // Roster availability, less when already deployed during the planned period.
    availability: 20,
    // Profile confirmed recently (lastConfirmedOn); 0 after 5 years.
    freshness: 10,
    // Past deployments in the partner country or its region.
    region: 15,
    // Ratings of those deployments.
    rating: 5,
  },
};

/** The defaults with a request's overrides applied. */
export function weightsFor(overrides: ParsedInput<'prepareBrief'>['weights']): BriefWeights {
  const merge = <T extends Record<string, number>>(base: T, over: Record<string, number | undefined> | undefined): T =>
    Object.fromEntries(Object.entries(base).map(([k, v]) => [k, over?.[k] ?? v])) as T;
  return {
    actions: merge(DEFAULT_WEIGHTS.actions, overrides?.actions),
    lessons: merge(DEFAULT_WEIGHTS.lessons, overrides?.lessons),
    experts: merge(DEFAULT_WEIGHTS.experts, overrides?.experts),
  };
}
