import { tagSlug } from '../articles/tags.ts';
import { returnVisits, type LeadEvent } from './lead-events.ts';
import type { BehaviourRule } from './rules.ts';

/** `/pricing` and `/pricing/` are one page. */
const withSlash = (path: string) => (path.endsWith('/') ? path : `${path}/`);

/** Whether one event is of the kind a rule counts (return visits are counted from all events instead). */
function matches(rule: Exclude<BehaviourRule, { event: 'return_visit' }>, event: LeadEvent): boolean {
  switch (rule.event) {
    case 'page_view':
      if (event.type !== 'page_view') return false;
      if (rule.path !== undefined) return withSlash(event.path) === withSlash(rule.path);
      if (rule.prefix !== undefined) return withSlash(event.path).startsWith(rule.prefix);
      return (event.tags ?? []).some((tag) => tagSlug(tag) === tagSlug(rule.tag!));
    case 'magnet_download':
      return event.type === 'magnet_download' && (rule.magnet === undefined || event.magnet === rule.magnet);
    case 'email_click':
      // A nurture step's outbox template is `sequence:<sequence>/<step>` (stepTemplate() in src/nurture/sequences.ts).
      return event.type === 'email_click' && (rule.sequence === undefined || (event.template ?? '').startsWith(`sequence:${rule.sequence}/`));
    case 'consultation':
      return event.type === 'consultation';
  }
}

/** How many of the lead's events a rule counts, before its max_times. */
export function occurrences(rule: BehaviourRule, events: readonly LeadEvent[]): number {
  if (rule.event === 'return_visit') return returnVisits(events);
  return events.filter((event) => matches(rule, event)).length;
}

/** `viewed /pricing/`, `viewed /pricing/ twice`, `viewed /pricing/ 3 times`. */
function repeated(text: string, times: number): string {
  return times === 1 ? text : times === 2 ? `${text} twice` : `${text} ${times} times`;
}

/** The explanation of a rule that counted `times` events, without its points. */
export function describeBehaviour(rule: BehaviourRule, times: number): string {
  if (rule.label !== undefined) return repeated(rule.label, times);
  switch (rule.event) {
    case 'page_view':
      if (rule.path !== undefined) return repeated(`viewed ${rule.path}`, times);
      if (rule.prefix !== undefined) return repeated(`viewed a page under ${rule.prefix}`, times);
      return repeated(`read an article tagged "${rule.tag}"`, times);
    case 'magnet_download':
      return repeated(rule.magnet === undefined ? 'downloaded a magnet' : `downloaded ${rule.magnet}`, times);
    case 'email_click':
      return repeated(rule.sequence === undefined ? 'clicked a link in an email' : `clicked a link in the ${rule.sequence} emails`, times);
    case 'return_visit':
      return times === 1 ? 'came back on another day' : `came back on ${times} other days`;
    case 'consultation':
      return repeated('requested a consultation', times);
  }
}
