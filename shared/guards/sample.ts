// The seeded sample the approver eyeballs: name, address and the greeting line each member
// will actually get, the same check the gateways' approvers do by hand.
import { compileTemplate } from '../template';
import { hashSeed, mulberry32, sampleIndices } from './prng';
import type { CheckInput, SampleEntry } from './types';

const SAMPLE_SIZE = 10;

/** First non-empty line of a rendered body: in a notice, the salutation with the member's name. */
export function firstLine(body: string): string {
  for (const line of body.split(/\r?\n/)) {
    const t = line.trim();
    if (t) return t;
  }
  return '';
}

export function buildSample(input: CheckInput, size = SAMPLE_SIZE): SampleEntry[] {
  const rs = input.recipients;
  if (!rs.length) return [];
  const random = mulberry32(hashSeed(input.sampleSeed ?? 'tayori'));
  let render: ((fields: Record<string, string>) => string) | null = null;
  try {
    const compiled = compileTemplate({ subject: input.template.subject, body: input.template.body });
    render = (fields) => {
      const out = compiled.render(fields);
      return out.ok ? firstLine(out.body) : '';
    };
  } catch {
    // A template that does not compile is reported as blocking by templateRule.
    render = null;
  }
  return sampleIndices(rs.length, size, random).map((i) => {
    const r = rs[i]!;
    return { id: r.id, name: r.name, email: r.email, greeting: render ? render({ ...r.fields }) : '' };
  });
}
