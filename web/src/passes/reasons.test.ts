import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reasonFor } from './reasons';

// The reasons must match the table in docs/passes.md ("…" stands for the details filled in).
const doc = new URL('../../../docs/passes.md', import.meta.url);

describe('reasons', () => {
  it.runIf(existsSync(doc))('match the refusal table of docs/passes.md', () => {
    const text = readFileSync(doc, 'utf8');
    const section = text.slice(text.indexOf('## Refusal codes'), text.indexOf('\n## ', text.indexOf('## Refusal codes') + 5));
    const rows = [...section.matchAll(/^\| ([a-z_]+)(?: \(allowed\))?(?: \/ ([a-z_]+))? \| (.+) \|$/gm)];
    expect(rows.length).toBeGreaterThanOrEqual(17);
    for (const [, code, other, reason] of rows.filter((r) => r[1] !== 'code')) {
      for (const c of [code!, other].filter(Boolean) as string[]) {
        const filled = reasonFor(c, { openingHours: 'X', dropOffPoints: [{ name: 'X' }], greenLaneGates: ['X'] });
        expect(filled, c).toBe(reason!.replace('…', 'X'));
      }
    }
  });

  it('fills in the details and reads well without them', () => {
    expect(reasonFor('drop_off_only', { dropOffPoints: [{ name: '北门快递柜', description: '岗亭东侧' }, { name: '南门货架' }] })).toBe('本小区不允许进入，请将订单放在：北门快递柜（岗亭东侧）；南门货架');
    expect(reasonFor('gate_not_allowed', { greenLaneGates: ['地库入口', '东门'] })).toBe('此门不允许骑手通行，请走绿色通道：地库入口、东门');
    expect(reasonFor('gate_not_allowed', {})).toBe('此门不允许骑手通行，请走绿色通道');
    expect(reasonFor('gate_not_allowed', {}, 'en')).toBe('Riders may not use this gate; please use the green lane');
    expect(reasonFor('something_new')).toBe('something_new');
  });
});
