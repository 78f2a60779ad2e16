import { describe, expect, it } from 'vitest';
import { pointsDictionaries } from './messages';
import { passTextOf, statementPdfUrl } from './redeem-api';

describe('the desk without a code', () => {
  const pass = 'YH1:6BFOXN*TS0BI$ZD4N9:9S6RCVN5+O30K3/XIV0W23NTDEPWK G2EP4J0BGJLFX3R3VHXK.PJ:2DPF6R:5SVBDM';

  it('takes a scanned or pasted pass as it is, trimmed (its base45 text holds spaces)', () => {
    expect(passTextOf(pass)).toBe(pass);
    expect(passTextOf(`  ${pass}\n`)).toBe(pass);
    expect(passTextOf(pass.toLowerCase())).toBe(pass.toLowerCase());
  });

  it('turns away what is no pass: digits, a link, other text, a cut-off code, anything huge', () => {
    for (const typed of ['', '04711234', 'https://example.com/YH1:ABC', 'YH2:ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'YH1:ABC', `YH1:${'A'.repeat(2001)}`, 'YH1:<script>alert(1)</script>AAAAAAAAAAAA'])
      expect(passTextOf(typed)).toBeNull();
  });

  it('links the month’s statement as a PDF', () => {
    expect(statementPdfUrl(7, '2026-12')).toBe('/api/v1/places/7/statement?month=2026-12&format=pdf');
  });

  it('words every new desk string in both languages', () => {
    for (const key of ['desk.scanOpen', 'desk.passConfirm', 'desk.passNone', 'desk.statementPdf'] as const) {
      expect(pointsDictionaries.zh[key]).toMatch(/\S/);
      expect(pointsDictionaries.en[key]).toMatch(/\S/);
    }
    expect(pointsDictionaries.zh['desk.scanOpen']).toBe('扫骑手码');
  });
});
