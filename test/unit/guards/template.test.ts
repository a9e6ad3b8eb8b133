// Template fields: unknown columns and members without a value (no default) block.
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../../shared/guards';
import { cleanInput, codes, recipient } from './build-input';

describe('template checks', () => {
  it('blocks a field that is not a column', () => {
    const r = runChecks(cleanInput({ template: { subject: 'Hello', body: '{{name}} 様 {{nickname}}' } }));
    const i = r.items.find((x) => x.code === 'template-unknown-field')!;
    expect(i.severity).toBe('blocking');
    expect(i.params.fields).toBe('nickname');
    expect(codes(r)).not.toContain('template-missing-field');
  });

  it('blocks when a member has no value for a field without default, naming them', () => {
    const r = runChecks(
      cleanInput({
        template: { subject: 'Room {{room}}', body: '{{name}} 様\nRoom {{room}}, seat {{seat|any}}' },
        columns: ['email', 'name', 'room', 'seat'],
        recipients: [
          recipient(1, 'a@x.jp', 'A', { fields: { room: '101', seat: '' } }),
          recipient(2, 'b@y.jp', 'B', { fields: { room: '', seat: '3' } }),
          recipient(3, 'c@z.jp', 'C', { fields: { room: ' ', seat: '' } }),
        ],
      }),
    );
    const i = r.items.find((x) => x.code === 'template-missing-field')!;
    expect(i.members).toEqual([2, 3]);
    expect(i.params.fields).toBe('room');
  });

  it('blocks a template that does not parse', () => {
    expect(codes(runChecks(cleanInput({ template: { subject: 'x', body: '{{name' } })))).toEqual(['template-syntax']);
  });
});
