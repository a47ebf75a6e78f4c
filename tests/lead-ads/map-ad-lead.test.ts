import { describe, expect, it } from 'vitest';
import { parseLeadFormMapping, loadLeadFormMappings } from '../../src/lead-ads/lead-form-mapping.ts';
import { mapAdLead, type PlatformLead } from '../../src/lead-ads/map-ad-lead.ts';
import { newsletterForm, type SignupForm } from '../../src/leads/signup-forms.ts';

const MAPPING = parseLeadFormMapping(
  'test.yaml',
  `
platform: meta
form_id: "123"
magnet: worksheet
consent: { text: "Email me the worksheet and tips.", version: "v1", checkbox: marketing }
fields: { email: email, name: full_name, company: company_name }
questions:
  - { question: company_size, field: size, values: { "11-50": "11-50 people" } }
  - { question: budget, field: budget }
`,
);

const magnetForm: SignupForm = { ...newsletterForm, kind: 'magnet', magnet: 'worksheet', firstEmail: 'magnet', sequence: 'worksheet' };
const forms = new Map([['magnet:worksheet', magnetForm]]);

function lead(answers: Record<string, string>, checkboxes: Record<string, boolean> = { marketing: true }): PlatformLead {
  return { platform: 'meta', leadId: '9', formId: '123', createdAt: 0, adId: 'a', adsetId: 's', campaignId: 'c', answers, checkboxes };
}

describe('mapAdLead', () => {
  it.each([
    ['no address', lead({ full_name: 'X' }), /email field is empty/],
    ['a malformed address', lead({ email: 'not-an-address' }), /is not an address/],
  ])('refuses a lead with %s', (_, given, error) => {
    const mapped = mapAdLead(given, MAPPING, forms);
    expect(mapped.ok).toBe(false);
    if (!mapped.ok) expect(mapped.error).toMatch(error);
  });

  it.each([
    ['ticked', { marketing: true }, {}, true],
    ['not ticked', { marketing: false }, {}, false],
    ['missing', {}, {}, false],
    ['answered yes as a field', {}, { marketing: 'Yes' }, true],
  ])('takes consent from the checkbox when %s', (_, checkboxes, answers, consent) => {
    const mapped = mapAdLead(lead({ email: 'a@b.test', ...answers }, checkboxes), MAPPING, forms);
    expect(mapped.ok && mapped.input.consent).toBe(consent);
  });

  it('maps the address, name, company, translated answers, consent text and ad ids', () => {
    const mapped = mapAdLead(
      lead({ email: ' Dana@B.Test ', full_name: 'Dana\nRivers', company_name: 'Acme', size: '11-50', budget: 'Over $10,000' }),
      MAPPING,
      forms,
    );
    expect(mapped.ok).toBe(true);
    if (!mapped.ok) return;
    expect(mapped.input).toMatchObject({
      email: 'dana@b.test',
      name: 'Dana Rivers',
      magnet: 'worksheet',
      utm_source: 'facebook',
      utm_medium: 'lead-ad',
      utm_campaign: 'c',
      utm_term: 's',
      utm_content: 'a',
    });
    expect(mapped.fields).toEqual({ company: 'Acme', company_size: '11-50 people', budget: 'Over $10,000' });
    expect(mapped.form).toMatchObject({
      kind: 'lead-ad',
      firstEmail: 'magnet',
      sequence: 'worksheet',
      consentText: 'Email me the worksheet and tips.',
      consentVersion: 'v1',
    });
  });
});

describe('lead form mappings', () => {
  it.each([
    ['both a magnet and a sequence', 'magnet: a\nsequence: b', /exactly one of magnet or sequence/],
    ['neither', '', /exactly one of magnet or sequence/],
  ])('refuses a mapping with %s', (_, target, problem) => {
    const text = `platform: meta\nform_id: "1"\n${target}\nconsent: { text: "A consent text here.", version: v1 }\nfields: { email: email }\n`;
    expect(() => parseLeadFormMapping('x.yaml', text)).toThrow(problem);
  });

  it('refuses a mapping naming a magnet, sequence or question that does not exist', () => {
    const text = `platform: tiktok\nform_id: "1"\nmagnet: gone\nconsent: { text: "A consent text here.", version: v1 }\nfields: { email: email }\nquestions: [{ question: shoe_size, field: s }]\n`;
    expect(() => parseLeadFormMapping('x.yaml', text, { magnets: new Set(), sequences: new Set(), questions: new Set() })).toThrow(
      'x.yaml: magnet: gone is not a magnet in content/magnets/; questions.0.question: shoe_size is not a question in content/scoring.yaml',
    );
  });

  it('loads the shipped mappings', async () => {
    const mappings = await loadLeadFormMappings({
      magnets: new Set(['lead-scoring-worksheet']),
      sequences: new Set(['welcome']),
      questions: new Set(['role', 'company_size', 'budget', 'timeline', 'need']),
    });
    expect([...mappings.keys()].sort()).toEqual(['meta:918273645500112', 'tiktok:7311000000000000001']);
  });
});
