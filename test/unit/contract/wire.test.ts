// The HTTP wire format keeps bytes intact and leaves everything else as plain JSON.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeWire, encodeWire, fromBase64, toBase64 } from '../../../shared/contract/wire';

describe('wire codec', () => {
  it('base64 matches Node for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
        expect(Array.from(fromBase64(toBase64(bytes)))).toEqual(Array.from(bytes));
      }),
    );
  });

  it('keeps a large file intact and refuses text that is not base64', () => {
    const big = Uint8Array.from({ length: 200_003 }, (_, i) => (i * 7919) % 256);
    expect(toBase64(big)).toBe(Buffer.from(big).toString('base64'));
    expect(Buffer.from(fromBase64(toBase64(big))).equals(Buffer.from(big))).toBe(true);
    for (const bad of ['A', 'AB=C', 'a b', '日本', '====', 'AAAA=']) expect(() => fromBase64(bad), bad).toThrow('invalid base64');
  });

  it('round-trips nested Uint8Array and Buffer values', () => {
    const value = { fileName: 'a.csv', bytes: new Uint8Array([0, 255, 130, 10]), nested: [{ b: Buffer.from('日本') }] };
    const back = decodeWire(encodeWire(value)) as { fileName: string; bytes: Uint8Array; nested: [{ b: Uint8Array }] };
    expect(back.fileName).toBe('a.csv');
    expect(back.bytes).toBeInstanceOf(Uint8Array);
    expect(Array.from(back.bytes)).toEqual([0, 255, 130, 10]);
    expect(new TextDecoder().decode(back.nested[0].b)).toBe('日本');
  });

  it('does not turn an ordinary object with other keys into bytes', () => {
    const back = decodeWire(encodeWire({ x: { $bytes: 'AA==', other: 1 } })) as { x: Record<string, unknown> };
    expect(back.x).toEqual({ $bytes: 'AA==', other: 1 });
  });
});
