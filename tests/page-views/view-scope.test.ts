import { describe, expect, it } from 'vitest';
import type { LeadCookieClaims } from '../../src/leads/lead-cookie.ts';
import { optsOut, viewerLead } from '../../src/page-views/view-scope.ts';

const live: LeadCookieClaims = { leadId: 42, since: 1, expiresAt: 2 };
const bot: LeadCookieClaims = { leadId: 0, since: 1, expiresAt: 2 };

describe('viewerLead', () => {
  it.each<[string, Record<string, string>, LeadCookieClaims | undefined, number | undefined]>([
    ['a live lead cookie', {}, live, 42],
    ['a live cookie with Sec-GPC: 0', { 'Sec-GPC': '0' }, live, 42],
    ['a live cookie with DNT: 0', { DNT: '0' }, live, 42],
    ['a live cookie with Sec-GPC: 1', { 'Sec-GPC': '1' }, live, undefined],
    ['a live cookie with DNT: 1', { DNT: '1' }, live, undefined],
    ['a live cookie with both', { 'Sec-GPC': '1', DNT: '1' }, live, undefined],
    ['a live cookie with " 1 " (whitespace around the value)', { 'Sec-GPC': ' 1 ' }, live, undefined],
    ["a bot's signup cookie (lead 0)", {}, bot, undefined],
    ['no cookie', {}, undefined, undefined],
    ['no cookie and GPC', { 'Sec-GPC': '1' }, undefined, undefined],
  ])('ties %s to %j', (_, headers, claims, lead) => {
    expect(viewerLead(new Headers(headers), claims)).toBe(lead);
  });
});

describe('optsOut', () => {
  it.each<[Record<string, string>, boolean]>([
    [{}, false],
    [{ 'Sec-GPC': '1' }, true],
    [{ DNT: '1' }, true],
    [{ 'Sec-GPC': '0', DNT: '0' }, false],
    [{ 'Sec-GPC': 'true' }, false],
    [{ DNT: 'unspecified' }, false],
  ])('%j opts out: %s', (headers, expected) => {
    expect(optsOut(new Headers(headers))).toBe(expected);
  });
});
