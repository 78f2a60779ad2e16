import { describe, expect, it } from 'vitest';
import { canonicalRanges, daysText, describeEditor, editorFromText, isOpeningHours, minuteRange, opensAtAll, textFromEditor, WHOLE_DAY, type EditorHours, type HoursWords } from './hours';
import { hoursDictionaries, hoursWords } from './hours-messages';

const WEEKDAYS = [0, 1, 2, 3, 4];
const ALL = [0, 1, 2, 3, 4, 5, 6];
const editor = (over: Partial<EditorHours>): EditorHours => ({ always: false, groups: [], holiday: 'same', holidayRanges: [], ...over });
const range = (from: string, to: string) => ({ from, to });

const zhWords: HoursWords = hoursWords('zh');
const enWords: HoursWords = hoursWords('en');

describe('textFromEditor (what the editor writes)', () => {
  it('writes weekdays, times and "PH off" as the server reads them', () => {
    const hours = editor({ groups: [{ days: WEEKDAYS, ranges: [range('08:00', '20:00')] }], holiday: 'closed' });
    expect(textFromEditor(hours)).toBe('Mo-Fr 08:00-20:00; PH off');
  });

  it('writes 24 hours as 24/7, whatever else was chosen', () => {
    expect(textFromEditor(editor({ always: true, groups: [{ days: [0], ranges: [range('08:00', '09:00')] }], holiday: 'closed' }))).toBe('24/7');
  });

  it('writes runs of days the OSM way', () => {
    expect(daysText(ALL)).toBe('Mo-Su');
    expect(daysText([5, 6])).toBe('Sa,Su');
    expect(daysText([0, 2, 4])).toBe('Mo,We,Fr');
    expect(daysText([6, 0, 1, 2, 4, 4])).toBe('Mo-We,Fr,Su');
  });

  it('writes several groups, several ranges, the whole day, overnight and holiday hours', () => {
    const hours = editor({
      groups: [
        { days: WEEKDAYS, ranges: [range('17:00', '22:00'), range('07:00', '09:00')] },
        { days: [5], ranges: [WHOLE_DAY] },
        { days: [6], ranges: [range('22:00', '02:00')] },
      ],
      holiday: 'hours',
      holidayRanges: [range('10:00', '14:00')],
    });
    expect(textFromEditor(hours)).toBe('Mo-Fr 07:00-09:00,17:00-22:00; Sa 00:00-24:00; Su 22:00-02:00; PH 10:00-14:00');
  });

  it('writes an evening that ends at midnight as 24:00', () => {
    expect(textFromEditor(editor({ groups: [{ days: ALL, ranges: [range('08:00', '00:00')] }] }))).toBe('Mo-Su 08:00-24:00');
  });

  it('leaves out groups without days or times and ranges with a missing time; nothing open is "off"', () => {
    const hours = editor({ groups: [{ days: [], ranges: [range('08:00', '20:00')] }, { days: [1], ranges: [range('', '20:00')] }] });
    expect(textFromEditor(hours)).toBe('off');
    expect(opensAtAll(hours)).toBe(false);
    expect(opensAtAll(editor({ groups: [{ days: [1], ranges: [range('08:00', '09:00')] }] }))).toBe(true);
    expect(textFromEditor(editor({ holiday: 'closed' }))).toBe('PH off');
  });

  it('merges overlapping ranges as the server does', () => {
    expect(textFromEditor(editor({ groups: [{ days: [0], ranges: [range('11:00', '14:00'), range('08:00', '12:00')] }] }))).toBe('Mo 08:00-14:00');
    expect(canonicalRanges([{ start: 1200, end: 1560 }, { start: 480, end: 600 }])).toEqual([{ start: 480, end: 600 }, { start: 1200, end: 1560 }]);
    expect(minuteRange(range('22:00', '02:00'))).toEqual({ start: 1320, end: 1560 });
    expect(minuteRange(WHOLE_DAY)).toEqual({ start: 0, end: 1440 });
    expect(minuteRange(range('25:00', '02:00'))).toBeNull();
  });
});

describe('editorFromText (what the editor shows for a stored text)', () => {
  it('reads "Mo-Fr 08:00-20:00; PH off" back into days, times and a closed holiday', () => {
    expect(editorFromText('Mo-Fr 08:00-20:00; PH off')).toEqual(editor({ groups: [{ days: WEEKDAYS, ranges: [range('08:00', '20:00')] }], holiday: 'closed' }));
  });

  it('reads 24/7, and every day round the clock without holidays, as 24 hours', () => {
    expect(editorFromText('24/7')).toEqual(editor({ always: true }));
    expect(editorFromText('Mo-Su 00:00-24:00')).toEqual(editor({ always: true }));
    expect(editorFromText('Mo-Su 00:00-24:00; PH off')).toEqual(editor({ groups: [{ days: ALL, ranges: [WHOLE_DAY] }], holiday: 'closed' }));
  });

  it('groups days with the same hours, applying later rules over earlier ones', () => {
    expect(editorFromText('Mo-Su 08:00-20:00; Sa off')).toEqual(editor({ groups: [{ days: [0, 1, 2, 3, 4, 6], ranges: [range('08:00', '20:00')] }] }));
    expect(editorFromText('Mo-Fr 07:00-22:00; Sa-Su 08:00-21:00')).toEqual(
      editor({ groups: [{ days: WEEKDAYS, ranges: [range('07:00', '22:00')] }, { days: [5, 6], ranges: [range('08:00', '21:00')] }] }),
    );
    expect(editorFromText('Fr-Mo 10:00-12:00')?.groups).toEqual([{ days: [0, 4, 5, 6], ranges: [range('10:00', '12:00')] }]);
  });

  it('reads what the server writes back (PH in a list, overnight ends, a holiday rule that changes nothing)', () => {
    expect(editorFromText('Mo-Fr 08:00-20:00; Sa,Su,PH 10:00-14:00')).toEqual(
      editor({ groups: [{ days: WEEKDAYS, ranges: [range('08:00', '20:00')] }, { days: [5, 6], ranges: [range('10:00', '14:00')] }], holiday: 'hours', holidayRanges: [range('10:00', '14:00')] }),
    );
    expect(editorFromText('Mo-Su 22:00-02:00')?.groups).toEqual([{ days: ALL, ranges: [range('22:00', '02:00')] }]);
    expect(editorFromText('Mo-Su 08:00-20:00; PH 08:00-20:00')).toEqual(editor({ groups: [{ days: ALL, ranges: [range('08:00', '20:00')] }] }));
  });

  it('tolerates what a Chinese keyboard types, case and spacing, as the server does', () => {
    expect(textFromEditor(editorFromText('mo－fr 08：00～20：00；ph OFF；')!)).toBe('Mo-Fr 08:00-20:00; PH off');
    expect(textFromEditor(editorFromText('Mo-Fr: 8:00 - 20:00')!)).toBe('Mo-Fr 08:00-20:00');
    expect(textFromEditor(editorFromText('Mo、We，Fr 08:00-09:00')!)).toBe('Mo,We,Fr 08:00-09:00');
  });

  it('gives null for texts the editor cannot show, so that the page offers the raw text', () => {
    for (const text of [
      '', // empty
      '每天早上', // not OSM
      'Mo-Fr', // days without times
      'Mo-Fr 08:00', // no end
      'Mo-Fr 08:00-20:00, Sa 10:00-12:00', // OSM's additional-rule separator, which the server refuses
      'Jan-Mar Mo-Fr 08:00-20:00', // months
      'Mo-Fr sunrise-sunset',
      'Mo-Fr 08:00+',
      'Mo 25:00-26:00',
      'Mo 08:00-20:00;;Tu 08:00-20:00',
      'Mo-Su 08:00-20:00; PH off; Sa 10:00-12:00', // Saturday keeps its hours on a holiday: beyond one holiday choice
    ]) {
      expect(editorFromText(text), text).toBeNull();
    }
    expect(isOpeningHours('Mo-Su 08:00-20:00; PH off; Sa 10:00-12:00')).toBe(true);
    // A PH rule that every later rule overrides governs no day, and is no rule (as on the server).
    expect(textFromEditor(editorFromText('PH off; Mo-Fr 08:00-20:00')!)).toBe('Mo-Fr 08:00-20:00');
    expect(isOpeningHours('每天早上')).toBe(false);
    expect(isOpeningHours('off')).toBe(true);
  });
});

describe('both ways', () => {
  const texts = ['Mo-Fr 08:00-20:00; PH off', '24/7', 'Mo-Su 06:00-23:00', 'Mo-Fr 07:00-09:00,17:00-22:00; Sa,Su 10:00-14:00; PH 10:00-12:00', 'Mo,We,Fr 00:00-24:00; Su 22:00-02:00', 'off'];
  it('writes back the text it read', () => {
    for (const text of texts) expect(textFromEditor(editorFromText(text)!), text).toBe(text);
  });

  it('reads back every state it writes (a sweep of days, times and holiday choices)', () => {
    const times = [range('08:00', '20:00'), range('22:00', '02:00'), WHOLE_DAY, range('06:30', '09:15')];
    const choices = ['same', 'closed', 'hours'] as const;
    for (let seed = 1; seed < 400; seed++) {
      const first = ALL.filter((d) => (seed >> d) & 1);
      const second = ALL.filter((d) => !first.includes(d) && (seed * 7 + d) % 3 === 0);
      const groups = [
        { days: first, ranges: [times[seed % 4]!] },
        { days: second, ranges: [times[(seed + 1) % 4]!, range('12:00', '13:00')] },
      ]
        .filter((g) => g.days.length)
        .sort((a, b) => a.days[0]! - b.days[0]!); // the editor lists groups by their first day
      const hours = editor({ groups, holiday: choices[seed % 3]!, holidayRanges: seed % 3 === 2 ? [range('10:00', '14:00')] : [] });
      const text = textFromEditor(hours);
      const back = editorFromText(text);
      expect(back, text).not.toBeNull();
      // Read back and written again, the text is the same: nothing was lost or changed in meaning.
      expect(textFromEditor(back!), text).toBe(text);
      expect(back!.groups.map((g) => g.days), text).toEqual(groups.map((g) => g.days));
    }
  });
});

describe('describeEditor (the words under the editor)', () => {
  it('says it in Chinese first', () => {
    expect(describeEditor(editorFromText('Mo-Fr 08:00-20:00; PH off')!, zhWords)).toBe('周一至周五 08:00-20:00；法定节假日不开放');
    expect(describeEditor(editorFromText('24/7')!, zhWords)).toBe('全天24小时开放');
    expect(describeEditor(editorFromText('Sa,Su 00:00-24:00; Mo 22:00-02:00; PH 10:00-14:00')!, zhWords)).toBe('周一 22:00-次日02:00；周六、周日 全天；法定节假日 10:00-14:00');
    expect(describeEditor(editorFromText('Mo-Su 07:00-22:00')!, zhWords)).toBe('每天 07:00-22:00');
    expect(describeEditor(editor({}), zhWords)).toBe('不开放');
  });

  it('and in English', () => {
    expect(describeEditor(editorFromText('Mo-Fr 08:00-20:00; PH off')!, enWords)).toBe('Mon–Fri 08:00-20:00; closed on public holidays');
  });

  it('has the same keys and placeholders in both languages', () => {
    const { zh, en } = hoursDictionaries;
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
    for (const key of Object.keys(zh) as Array<keyof typeof zh>) {
      expect(zh[key].trim(), key).not.toBe('');
      expect(placeholders(en[key]), key).toEqual(placeholders(zh[key]));
    }
  });
});
