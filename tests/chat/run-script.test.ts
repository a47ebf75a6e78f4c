import { describe, expect, it } from 'vitest';
import {
  chatForPage,
  chatReferenceProblems,
  chatScriptSchema,
  loadChatScripts,
  MAX_CHAT_QUESTIONS,
  parseChatScript,
  type ChatScript,
} from '../../src/chat/chat-script.ts';
import { handoffFor, nextStep, parseAnswers, type ChatAnswers } from '../../src/chat/run-script.ts';
import { LeadStatus } from '../../src/leads/lead-status.ts';
import { loadScoringRules } from '../../src/scoring/load-rules.ts';
import { rulesWith } from '../scoring/rules-fixture.ts';

const rules = rulesWith({
  questions: [
    { name: 'role', label: 'Role', type: 'select', options: ['Owner', 'Staff', 'Student'] },
    { name: 'budget', label: 'Budget', type: 'select', options: ['None', 'Some', 'Plenty'] },
  ],
  fit: [
    { field: 'role', values: ['Owner'], points: 30 },
    { field: 'role', values: ['Student'], points: -20 },
    { field: 'budget', values: ['Plenty'], points: 30 },
    { field: 'budget', values: ['Some'], points: 10 },
  ],
  email_domains: [{ label: 'free-mail address', domains: ['gmail.com'], points: -10 }],
});

const handoff = (say: string) => ({ say });
function script(questions: unknown[]): ChatScript {
  const data = chatScriptSchema.parse({
    title: 'Test chat',
    landings: ['lead-scoring'],
    magnet: 'lead-scoring-worksheet',
    greeting: 'Hello there',
    ask_email: 'Your address?',
    consent: { text: 'Email me.', version: '1' },
    questions,
    handoff: { 'sales-ready': handoff('Call us'), 'marketing-qualified': handoff('Read on'), new: handoff('Welcome') },
  });
  return parseChatScript('test.yaml', JSON.stringify(data), rules);
}

// role → (Student: end) → budget → (None: team) → timeline → team
const branching = script([
  { field: 'role', ask: 'Your role?', branches: [{ when: ['Student'], goto: 'end' }] },
  { field: 'budget', ask: 'Budget?', branches: [{ when: ['None'], goto: 'team' }] },
  { field: 'timeline', ask: 'When?', options: ['Now', 'Later'] },
  { field: 'team', ask: 'Tell me about your team' },
]);

describe('nextStep', () => {
  it.each<[string, ChatAnswers, string, number?]>([
    ['asks the first question of a new conversation', {}, 'role', 1],
    ['goes on in order when no branch matches', { role: 'Owner' }, 'budget', 2],
    ['follows a branch to a later question', { role: 'Owner', budget: 'None' }, 'team', 3],
    ['asks the question after a branch target in order', { role: 'Owner', budget: 'Some' }, 'timeline', 3],
    ['ends at a branch to end', { role: 'Student' }, 'contact'],
    ['ignores answers to questions the path skipped', { role: 'Student', budget: 'Plenty' }, 'contact'],
    ['asks for the address once every question on the path is answered', { role: 'Owner', budget: 'None', team: 'Five of us' }, 'contact'],
  ])('%s', (_, answers, expected, number) => {
    const step = nextStep(branching, answers);
    if (expected === 'contact') expect(step).toEqual({ kind: 'contact', ask: 'Your address?' });
    else expect(step).toMatchObject({ kind: 'question', question: { field: expected }, number });
  });

  it('takes the quick replies of a scoring question from the scoring rules', () => {
    expect(nextStep(branching, {})).toMatchObject({ question: { options: ['Owner', 'Staff', 'Student'] } });
    expect(nextStep(branching, { role: 'Owner', budget: 'None' })).toMatchObject({ question: { field: 'team' } });
    expect((nextStep(branching, { role: 'Owner', budget: 'None' }) as { question: object }).question).not.toHaveProperty('options');
  });

  it(`never asks more than ${MAX_CHAT_QUESTIONS} questions`, () => {
    const six = script(['a', 'b', 'c', 'd', 'e', 'f'].map((field) => ({ field, ask: `Question ${field}?` })));
    const answers: ChatAnswers = {};
    const asked: string[] = [];
    for (let step = nextStep(six, answers); step.kind === 'question'; step = nextStep(six, answers)) {
      asked.push(step.question.field);
      answers[step.question.field] = 'yes';
    }
    expect(asked).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(() => script(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((field) => ({ field, ask: `Question ${field}?` })))).toThrow(/at most 6 questions/);
  });
});

describe('a script is refused', () => {
  it.each<[string, unknown[], RegExp]>([
    [
      'when a branch goes backwards',
      [
        { field: 'role', ask: 'Role?' },
        { field: 'budget', ask: 'Budget?', branches: [{ when: ['None'], goto: 'role' }] },
      ],
      /not a later question/,
    ],
    [
      'when a branch names an answer that is not an option',
      [{ field: 'role', ask: 'Role?', branches: [{ when: ['King'], goto: 'end' }] }],
      /"King" is not an option of role/,
    ],
    [
      'when a scoring question brings its own options',
      [{ field: 'role', ask: 'Role?', options: ['A', 'B'] }],
      /options come from content\/scoring.yaml/,
    ],
    [
      'when a field is asked twice',
      [
        { field: 'team', ask: 'Team?' },
        { field: 'team', ask: 'Team again?' },
      ],
      /asked twice/,
    ],
  ])('%s', (_, questions, message) => {
    expect(() => script(questions)).toThrow(message);
  });
});

describe('chatForPage', () => {
  const onMagnet = { ...branching, slug: 'magnet-chat', landings: [], magnets: ['lead-scoring-worksheet'] };
  it.each<[string, Parameters<typeof chatForPage>[1], string | undefined]>([
    ['finds the script naming a landing page', { landing: 'lead-scoring' }, 'test'],
    ['finds the script naming a magnet page', { magnet: 'lead-scoring-worksheet' }, 'magnet-chat'],
    ['finds none for a landing page no script names', { landing: 'message-match' }, undefined],
    ['does not take a landing slug for a magnet', { magnet: 'lead-scoring' }, undefined],
  ])('%s', (_, page, slug) => {
    expect(chatForPage([branching, onMagnet], page)?.slug).toBe(slug);
  });

  it('refuses a script that names no page', () => {
    expect(() =>
      parseChatScript(
        'none.yaml',
        JSON.stringify({ ...branching, slug: undefined, landings: [], magnets: [], questions: [{ field: 'role', ask: 'Role?' }] }),
        rules,
      ),
    ).toThrow(/name the pages that show the chat/);
  });
});

describe('chatReferenceProblems', () => {
  it.each<[string, { landings: string[]; magnets: string[] }, string[]]>([
    ['accepts a script whose landing page and magnet exist', { landings: ['lead-scoring'], magnets: ['lead-scoring-worksheet'] }, []],
    [
      'names a landing page the site does not have',
      { landings: ['other'], magnets: ['lead-scoring-worksheet'] },
      ['content/chats/test.yaml: landings: "lead-scoring" has no file in content/landing/'],
    ],
    [
      'names a magnet the site does not have',
      { landings: ['lead-scoring'], magnets: [] },
      ['content/chats/test.yaml: magnet: "lead-scoring-worksheet" has no file in content/magnets/'],
    ],
    [
      'names a magnet page the site does not have',
      { landings: ['lead-scoring'], magnets: ['lead-scoring-worksheet'] },
      ['content/chats/test.yaml: magnets: "other-magnet" has no file in content/magnets/'],
    ],
  ])('%s', (_, known, problems) => {
    const script = problems.some((problem) => problem.includes('other-magnet')) ? { ...branching, magnets: ['other-magnet'] } : branching;
    expect(chatReferenceProblems([script], { landings: new Set(known.landings), magnets: new Set(known.magnets) })).toEqual(problems);
  });
});

describe('parseAnswers', () => {
  it.each<[string, unknown, ReturnType<typeof parseAnswers>]>([
    [
      'keeps quick replies and free text on the path',
      { role: 'Owner', budget: 'None', team: ' Five ' },
      { ok: true, answers: { role: 'Owner', budget: 'None', team: 'Five' } },
    ],
    ['drops answers the path skipped', { role: 'Student', budget: 'Plenty' }, { ok: true, answers: { role: 'Student' } }],
    ['refuses an answer that is not an option', { role: 'King' }, { ok: false, errors: { role: 'Please choose one of the options.' } }],
    ['refuses a field the chat does not ask', { salary: 'High' }, { ok: false, errors: { salary: 'is not a question of this chat' } }],
    [
      'refuses a line break in free text',
      { role: 'Owner', budget: 'None', team: 'a\nb' },
      { ok: false, errors: { team: 'must be one line without control characters' } },
    ],
    [
      'refuses free text over 200 characters',
      { role: 'Owner', budget: 'None', team: 'x'.repeat(201) },
      { ok: false, errors: { team: 'must be at most 200 characters' } },
    ],
    ['refuses answers that are not an object', ['Owner'], { ok: false, errors: { answers: 'must be an object of answers' } }],
  ])('%s', (_, raw, expected) => {
    expect(parseAnswers(branching, raw)).toEqual(expected);
  });
});

describe('handoffFor', () => {
  it.each<[string, ChatAnswers, string, LeadStatus, string]>([
    [
      'offers a call to answers the rules score sales-ready',
      { role: 'Owner', budget: 'Plenty' },
      'sam@acme.example',
      LeadStatus.SalesReady,
      'Call us',
    ],
    ['counts the address as the rules do', { role: 'Owner', budget: 'Plenty' }, 'sam@gmail.com', LeadStatus.MarketingQualified, 'Read on'],
    [
      'offers reading to a lead that is only marketing-qualified',
      { role: 'Owner', budget: 'Some' },
      'sam@acme.example',
      LeadStatus.MarketingQualified,
      'Read on',
    ],
    ['welcomes a lead that scores low', { role: 'Student' }, 'sam@acme.example', LeadStatus.New, 'Welcome'],
  ])('%s', (_, answers, email, status, say) => {
    expect(handoffFor(branching, rules, answers, email)).toEqual({ status, say });
  });
});

describe('the shipped chat', () => {
  it('parses against the shipped scoring rules; the best answers hand the lead to sales, a student gets the worksheet', async () => {
    const shippedRules = await loadScoringRules();
    const chat = (await loadChatScripts(shippedRules)).get('lead-scoring')!;
    expect(chat.landings).toEqual(['lead-scoring']);
    const best: ChatAnswers = {
      role: 'Founder or owner',
      company_size: '11-50 people',
      budget: 'Over $10,000',
      timeline: 'This month',
      need: 'Knowing which leads to call first',
    };
    const asked: string[] = [];
    const answers: ChatAnswers = {};
    for (let step = nextStep(chat, answers); step.kind === 'question'; step = nextStep(chat, answers)) {
      asked.push(step.question.field);
      answers[step.question.field] = best[step.question.field]!;
    }
    expect(asked).toEqual(['role', 'company_size', 'budget', 'timeline', 'need']);
    expect(handoffFor(chat, shippedRules, answers, 'ana@northwind.example')).toMatchObject({
      status: LeadStatus.SalesReady,
      link: { href: '/lp/scoring-review/' },
    });
    const student = { role: 'Student or looking for work', need: 'Just learning' };
    expect(nextStep(chat, student)).toMatchObject({ kind: 'contact' });
    expect(handoffFor(chat, shippedRules, student, 'kim@gmail.com').status).toBe(LeadStatus.New);
  });
});
