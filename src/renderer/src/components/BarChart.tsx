// Horizontal bar charts in plain SVG; every bar is a link to the filtered list it counts.
export interface Bar {
  key: string;
  label: string;
  value: number;
  href: string;
}

export function BarChart({ bars, title }: { bars: Bar[]; title: string }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  return (
    <ul className="bar-chart" aria-label={title}>
      {bars.map((b) => (
        <li key={b.key}>
          <a href={b.href} className="bar-row">
            <span className="bar-label">{b.label}</span>
            <svg className="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
              <rect x="0" y="0" height="10" width={Math.max(1, (b.value / max) * 100)} rx="1.5" />
            </svg>
            <span className="bar-value">{b.value}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}
