// Highlights arrive from the core as text segments; matched words become <mark>. Never HTML.
import type { Segment } from '../../../shared/api';

export function Highlight({ segments, fallback }: { segments: Segment[]; fallback: string }) {
  if (!segments.length) return <>{fallback}</>;
  return (
    <>
      {segments.map((s, i) => (s.hit ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
    </>
  );
}
