import { CONTROL_CHARACTERS } from '../leads/signup-input.ts';
import type { LeadStatus } from '../leads/lead-status.ts';
import type { ScoringRules } from '../scoring/rules.ts';
import { scoreLead } from '../scoring/score-lead.ts';
import { END, MAX_CHAT_QUESTIONS, type ChatQuestion, type ChatScript } from './chat-script.ts';

/** Longest free-text answer kept, as for a form's text field. */
export const CHAT_ANSWER_MAX = 200;

export type ChatAnswers = Record<string, string>;

/** What the chat does next: ask a question (the `number`th of this conversation), or ask for the address. */
export type ChatStep = { kind: 'question'; question: ChatQuestion; number: number } | { kind: 'contact'; ask: string };

/**
 * Walks the script over the answers given so far: from the first question, each answered question
 * follows the first branch its answer matches (or goes on to the next one); the first question
 * without an answer is asked. After six answered questions, or at `end`, the chat asks for the address.
 */
export function nextStep(script: ChatScript, answers: Readonly<ChatAnswers>): ChatStep {
  const { asked, pending } = walk(script, answers);
  return pending ? { kind: 'question', question: pending, number: asked.length + 1 } : { kind: 'contact', ask: script.ask_email };
}

/** The questions answered on the conversation's path, in order, and the one to ask next if any. */
function walk(script: ChatScript, answers: Readonly<ChatAnswers>): { asked: ChatQuestion[]; pending?: ChatQuestion } {
  const asked: ChatQuestion[] = [];
  let index = 0;
  while (index < script.questions.length && asked.length < MAX_CHAT_QUESTIONS) {
    const question = script.questions[index]!;
    const answer = answers[question.field];
    if (answer === undefined) return { asked, pending: question };
    asked.push(question);
    const branch = question.branches.find((candidate) => candidate.when.includes(answer));
    if (branch?.goto === END) break;
    index = branch ? script.questions.findIndex((candidate) => candidate.field === branch.goto) : index + 1;
  }
  return { asked };
}

export type AnswersParse = { ok: true; answers: ChatAnswers } | { ok: false; errors: Record<string, string> };

/**
 * Checks answers a client sends back: each must answer a question of the script, with one of its
 * quick replies or, for a free-text question, one line of at most 200 characters. Answers the
 * conversation's path skipped are dropped, so what is stored is what was asked.
 */
export function parseAnswers(script: ChatScript, raw: unknown): AnswersParse {
  if (raw === undefined) return { ok: true, answers: {} };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, errors: { answers: 'must be an object of answers' } };
  const errors: Record<string, string> = {};
  const answers: ChatAnswers = {};
  for (const [field, value] of Object.entries(raw)) {
    const question = script.questions.find((candidate) => candidate.field === field);
    if (!question) errors[field] = 'is not a question of this chat';
    else if (typeof value !== 'string' || !value.trim()) errors[field] = 'must be text';
    else if (question.options && !question.options.includes(value.trim())) errors[field] = 'Please choose one of the options.';
    else if (value.trim().length > CHAT_ANSWER_MAX) errors[field] = `must be at most ${CHAT_ANSWER_MAX} characters`;
    else if (CONTROL_CHARACTERS.test(value)) errors[field] = 'must be one line without control characters';
    else answers[field] = value.trim();
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  const onPath = new Set(walk(script, answers).asked.map((question) => question.field));
  return { ok: true, answers: Object.fromEntries(Object.entries(answers).filter(([field]) => onPath.has(field))) };
}

export interface ChatHandoff {
  /** The status the answers and the address score by content/scoring.yaml: the same the qualifier will reach from them. */
  status: LeadStatus;
  say: string;
  link?: { href: string; label: string };
}

/** What the chat says at the end: the script's hand-off for the status the answers score. */
export function handoffFor(script: ChatScript, rules: ScoringRules, answers: Readonly<ChatAnswers>, email: string): ChatHandoff {
  const { status } = scoreLead(rules, { answers, email, events: [] }, 0);
  return { status, ...script.handoff[status] };
}
