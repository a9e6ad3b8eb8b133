// findMissing: which members lack which field, grouped per field in template order.
import { describe, expect, it } from 'vitest';
import { compileTemplate, findMissing } from '../../../shared/template';

type Row = { id: number; fields: Record<string, string> };

const rows: Row[] = [
  { id: 1, fields: { 氏名: '山田', 住所: '東京', 会社: '' } },
  { id: 2, fields: { 氏名: '', 住所: '' } },
  { id: 3, fields: { 氏名: '佐藤', 住所: '大阪', 会社: 'ACME', 部署: '' } },
  { id: 4, fields: { 氏名: '　', 住所: '名古屋' } },
];

describe('findMissing', () => {
  it('groups members by missing field, in the order the template uses them', () => {
    const c = compileTemplate({ subject: '{{住所}}', body: '{{氏名}}様 {{#if 会社}}{{部署}}{{/if}} {{備考|なし}}' });
    expect(findMissing(c, rows)).toEqual([
      { field: '住所', count: 1, memberIds: [2] },
      { field: '氏名', count: 2, memberIds: [2, 4] },
      { field: '部署', count: 1, memberIds: [3] },
    ]);
  });

  it('caps the ids kept per field but still counts them all', () => {
    const c = compileTemplate({ subject: '', body: '{{氏名}}' });
    expect(findMissing(c, rows, { maxIdsPerField: 1 })).toEqual([{ field: '氏名', count: 2, memberIds: [2] }]);
  });

  it('is empty when every member can be rendered', () => {
    const c = compileTemplate({ subject: '', body: '{{氏名|会員}}' });
    expect(findMissing(c, rows)).toEqual([]);
  });

  it('consumes any iterable, such as a generator', () => {
    const c = compileTemplate({ subject: '', body: '{{x}}' });
    function* gen(): Generator<Row> {
      for (let id = 1; id <= 3; id++) yield { id, fields: id === 2 ? { x: 'v' } : {} };
    }
    expect(findMissing(c, gen())).toEqual([{ field: 'x', count: 2, memberIds: [1, 3] }]);
  });
});
