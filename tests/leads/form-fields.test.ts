import { describe, expect, it } from 'vitest';
import { formFieldSchema, parseDeclaredFields, type FormField } from '../../src/leads/form-fields.ts';

const fields: FormField[] = [
  formFieldSchema.parse({ name: 'name', label: 'First name', type: 'text' }),
  formFieldSchema.parse({ name: 'company', label: 'Company', type: 'text', required: true }),
  formFieldSchema.parse({ name: 'team_size', label: 'Team size', type: 'select', options: ['1-10', '11-50'] }),
  formFieldSchema.parse({ name: 'demo', label: 'I would like a demo', type: 'checkbox' }),
];

describe('parseDeclaredFields', () => {
  it.each([
    ['all answered', { company: ' Acme ', team_size: '1-10', demo: 'on', name: 'Ada' }, { company: 'Acme', team_size: '1-10', demo: true }],
    ['optional ones left out', { company: 'Acme' }, { company: 'Acme', demo: false }],
    ['a JSON boolean for the checkbox', { company: 'Acme', demo: true }, { company: 'Acme', demo: true }],
    ['an empty optional select', { company: 'Acme', team_size: '' }, { company: 'Acme', demo: false }],
  ])('keeps the answers: %s', (_, body, values) => {
    expect(parseDeclaredFields(fields, body)).toEqual({ ok: true, values });
  });

  it.each([
    ['a required field missing', {}, { company: 'Please fill this in.' }],
    ['a required field blank', { company: '   ' }, { company: 'Please fill this in.' }],
    ['a choice the select does not offer', { company: 'Acme', team_size: '5000+' }, { team_size: 'Please choose one of the options.' }],
    ['a line break in text', { company: 'Acme\r\nBcc: x@example.com' }, { company: 'must be one line without control characters' }],
    ['text longer than 200 characters', { company: 'x'.repeat(201) }, { company: 'must be at most 200 characters' }],
    ['a number where text belongs', { company: 42 }, { company: 'must be text' }],
    ['a checkbox that is neither yes nor no', { company: 'Acme', demo: 'maybe' }, { demo: 'must be yes or no' }],
  ])('refuses %s, naming the field', (_, body, errors) => {
    expect(parseDeclaredFields(fields, body)).toEqual({ ok: false, errors });
  });

  it('holds a required name to being there, leaving its checks to the signup schema', () => {
    const named = [formFieldSchema.parse({ name: 'name', label: 'First name', type: 'text', required: true })];
    expect(parseDeclaredFields(named, {})).toEqual({ ok: false, errors: { name: 'Please fill this in.' } });
    expect(parseDeclaredFields(named, { name: 'Ada' })).toEqual({ ok: true, values: {} });
  });
});

describe('formFieldSchema', () => {
  it.each([
    ['a name the endpoint uses', { name: 'email', label: 'Email', type: 'text' }, 'name'],
    ['the honeypot name', { name: 'website', label: 'Website', type: 'text' }, 'name'],
    ['a name with capitals', { name: 'TeamSize', label: 'Team size', type: 'text' }, 'name'],
    ['a select without options', { name: 'size', label: 'Size', type: 'select' }, 'options'],
    ['options on a text field', { name: 'size', label: 'Size', type: 'text', options: ['a', 'b'] }, 'options'],
    ['an unknown type', { name: 'size', label: 'Size', type: 'radio' }, 'type'],
  ])('refuses %s', (_, field, path) => {
    const result = formFieldSchema.safeParse(field);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual([path]);
  });
});
