import { describe, expect, it } from 'vitest';
import { beaconPath, MAX_PATH_LENGTH } from '../../src/page-views/beacon-path.ts';

describe('beaconPath', () => {
  it.each([
    ['/', '/'],
    ['/articles/speed-to-lead/', '/articles/speed-to-lead/'],
    ['/articles/speed-to-lead', '/articles/speed-to-lead/'],
    ['/articles/speed-to-lead/index.html', '/articles/speed-to-lead/'],
    ['/index.html', '/'],
    ['  /tags/lead-scoring/\n', '/tags/lead-scoring/'],
    ['/lp/scoring-review/meta-review', '/lp/scoring-review/meta-review/'],
    ['/rss.xml', '/rss.xml'],
    ['/articles/caf%C3%A9/', '/articles/caf%C3%A9/'],
    ['/articles/../admin/', '/articles/../admin/'],
    [`/${'a'.repeat(MAX_PATH_LENGTH - 2)}/`, `/${'a'.repeat(MAX_PATH_LENGTH - 2)}/`],
  ])('reads %j as the page %j', (body, path) => {
    expect(beaconPath(body)).toBe(path);
  });

  it.each([
    ['an empty body', ''],
    ['a relative path', 'articles/speed-to-lead/'],
    ['a URL', 'https://example.com/articles/speed-to-lead/'],
    ['a protocol-relative URL', '//evil.example/articles/'],
    ['a query', '/articles/speed-to-lead/?utm_source=x'],
    ['a fragment', '/articles/speed-to-lead/#faq'],
    ['JSON', '{"path":"/"}'],
    ['spaces inside', '/articles/speed to lead/'],
    ['a control character', '/articles/\u0000/'],
    ['raw non-ASCII', '/articles/café/'],
    ['a backslash', '/articles\\speed-to-lead/'],
    ['an over-long path', `/${'a'.repeat(MAX_PATH_LENGTH)}`],
  ])('refuses %s', (_, body) => {
    expect(beaconPath(body)).toBeUndefined();
  });
});
