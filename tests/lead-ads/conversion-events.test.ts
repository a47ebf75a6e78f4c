import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashEmail, metaConversionBody, tiktokConversionBody } from '../../src/lead-ads/conversion-events.ts';
import { reportedStatuses } from '../../src/lead-ads/enqueue-conversions.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('hashEmail', () => {
  it.each([
    ['dana@acme.test', 'dana@acme.test'],
    ['  Dana@Acme.TEST ', 'dana@acme.test'],
    ['DANA@ACME.TEST\n', 'dana@acme.test'],
  ])('hashes %j as %j', (given, normalised) => {
    expect(hashEmail(given)).toBe(sha256(normalised));
  });
});

describe('reportedStatuses', () => {
  it.each([
    ['new', 'marketing-qualified', ['marketing-qualified']],
    ['new', 'sales-ready', ['marketing-qualified', 'sales-ready']],
    ['marketing-qualified', 'sales-ready', ['sales-ready']],
    ['sales-ready', 'marketing-qualified', ['marketing-qualified']],
    ['marketing-qualified', 'new', []],
  ])('%s → %s reports %j', (from, to, statuses) => {
    expect(reportedStatuses({ leadId: 1, from, to, at: 0 })).toEqual(statuses);
  });
});

describe('conversion bodies', () => {
  const base = { eventId: 'sales-ready-7', eventName: 'SalesReadyLead', at: 1_764_700_000_123, email: 'dana@acme.test' };

  it.each([
    ['a lead from a Meta lead ad', { ...base, platformLeadId: '7200' }, { em: [sha256('dana@acme.test')], lead_id: '7200' }],
    [
      'a site lead with a fbclid',
      { ...base, clickId: 'IwAR0abc', clickAt: 1_764_600_000_000 },
      { em: [sha256('dana@acme.test')], fbc: 'fb.1.1764600000000.IwAR0abc' },
    ],
  ])('Meta: %s', (_, conversion, userData) => {
    expect(JSON.parse(metaConversionBody(conversion))).toEqual({
      data: [
        {
          event_name: 'SalesReadyLead',
          event_time: 1_764_700_000,
          event_id: 'sales-ready-7',
          action_source: 'system_generated',
          user_data: userData,
          custom_data: { event_source: 'crm', lead_event_source: 'Lodestone' },
        },
      ],
    });
  });

  it.each([
    [
      'a lead from a TikTok lead ad',
      { ...base, platformLeadId: '7311' },
      { user: { email: sha256('dana@acme.test') }, lead: { lead_id: '7311', lead_event_source: 'Lodestone' } },
    ],
    ['a site lead with a ttclid', { ...base, clickId: 'E.C.P.abc' }, { user: { email: sha256('dana@acme.test'), ttclid: 'E.C.P.abc' } }],
  ])('TikTok: %s', (_, conversion, parts) => {
    expect(JSON.parse(tiktokConversionBody(conversion, 'CRMSET'))).toEqual({
      event_source: 'crm',
      event_source_id: 'CRMSET',
      data: [{ event: 'SalesReadyLead', event_time: 1_764_700_000, event_id: 'sales-ready-7', ...parts }],
    });
  });
});
