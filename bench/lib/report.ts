/** Plain-text tables and the target checks; everything printed is also in the JSON file. */

export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

export const f = (v: number, digits = 2) => (Number.isFinite(v) ? v.toFixed(digits) : 'n/a');
export const signed = (v: number, digits = 2) => (Number.isFinite(v) ? (v >= 0 ? '+' : '') + v.toFixed(digits) : 'n/a');

export interface TargetCheck {
  name: string;
  /** Human-readable target, e.g. "≤ 1 ms". */
  target: string;
  value: number;
  unit: string;
  pass: boolean;
  /** Why the figure cannot be trusted, if it cannot: outside load on the machine, or failed requests. */
  unreliable?: string;
}

export function check(name: string, value: number, op: '<=' | '>=', limit: number, unit: string): TargetCheck {
  const pass = Number.isFinite(value) && (op === '<=' ? value <= limit : value >= limit);
  return { name, target: `${op === '<=' ? '≤' : '≥'} ${limit} ${unit}`.trim(), value, unit, pass };
}

export function targetsTable(checks: TargetCheck[]): string {
  return table(
    ['target', 'wanted', 'measured', 'result'],
    checks.map((c) => [c.name, c.target, `${f(c.value)} ${c.unit}`.trim(), (c.pass ? 'PASS' : 'FAIL') + (c.unreliable ? ` (unreliable: ${c.unreliable})` : '')]),
  );
}
