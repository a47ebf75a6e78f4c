import { describe, expect, it } from 'vitest';
import { postalAddressProblem } from '../../src/email/postal-address.ts';
import { site } from '../../src/site.config.ts';

describe('postalAddressProblem', () => {
  it.each([
    ['the shipped sample', site.postalAddress],
    ['a US street address', 'Acme Widgets Inc., 1600 Amphitheatre Parkway, Mountain View, CA 94043, USA'],
    ['a PO box', 'Northwind Ltd, PO Box 742, Leeds LS1 4AP, United Kingdom'],
    ['a German address', 'Beispiel GmbH, Musterstraße 12, 10115 Berlin, Germany'],
  ])('accepts %s', (_, address) => {
    expect(postalAddressProblem(address)).toBeUndefined();
  });

  it.each([
    ['empty', '', /postalAddress is empty; every marketing email must show the sender's postal address \(CAN-SPAM\)/],
    ['only spaces', '   \n ', /postalAddress is empty/],
    ['a TODO', 'TODO: our address', /still a placeholder \("TODO"\)/],
    ['a template hint', 'Your postal address, City, 00000', /still a placeholder \("Your postal address"\)/],
    ['angle-bracket fields', '<Company>, <Street>, <City>', /still a placeholder \("<"\)/],
    ['square-bracket fields', 'Acme, [street], 12345 [city]', /still a placeholder \("\["\)/],
    ['lorem ipsum', 'Lorem ipsum 1, dolor sit', /still a placeholder \("Lorem"\)/],
    ['no digit at all', 'Acme, Somewhere, Nowhere', /does not look like a postal address/],
    ['one part only', 'Acme 12', /does not look like a postal address/],
    ['too long for a footer line', `Acme, ${'12 Long Road, '.repeat(20)}USA`, /keep it to 200/],
  ])('refuses %s, naming the file and the field', (_, address, message) => {
    const problem = postalAddressProblem(address);
    expect(problem).toMatch(/^src\/site\.config\.ts: postalAddress /);
    expect(problem).toMatch(message);
  });
});
