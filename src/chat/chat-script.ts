import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { LeadStatus } from '../leads/lead-status.ts';
import type { ScoringRules } from '../scoring/rules.ts';

/** Where chat scripts are written, relative to the project root. */
export const CHATS_DIR = 'content/chats';
/** A chat asks at most this many qualifying questions, however it branches. */
export const MAX_CHAT_QUESTIONS = 6;
/** Where a branch may jump besides a later question: straight to the hand-off. */
export const END = 'end';

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lowercase letters, digits and single hyphens');
const text = (max: number) => z.string().trim().min(2).max(max);
const sitePath = z.string().regex(/^\/(?!\/)[^\s\\]*$/, 'must be a path on this site, like /lp/scoring-review/');

/** A jump: when the answer is one of `when`, go to the question asking `goto` (or `end`). */
const branchSchema = z
  .object({
    /** Answers that take this branch, written exactly as the question's options. */
    when: z.array(z.string().trim().min(1)).min(1),
    /** The field of a later question, or `end` for the hand-off. */
    goto: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
  })
  .strict();

/** One qualifying question; a scoring question's field takes its options from content/scoring.yaml. */
const chatQuestionSchema = z
  .object({
    /** The answer's field on the lead's touch, like `budget`: a scoring question's name scores it. */
    field: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'use a form field name: lowercase letters, digits and underscores'),
    /** What the chat says to ask it. */
    ask: text(240),
    /** Quick replies for a field that is not a scoring question; without them the answer is free text. */
    options: z.array(z.string().trim().min(1).max(60)).min(2).max(8).optional(),
    branches: z.array(branchSchema).default([]),
  })
  .strict();

/** What the chat says and links to once the questions are done, for one status the answers score. */
const handoffSchema = z
  .object({
    say: text(400),
    /** A link to offer, like the book-a-call page. */
    link: z
      .object({ href: sitePath, label: text(60) })
      .strict()
      .optional(),
  })
  .strict();

/** `content/chats/<slug>.yaml`: one conversation, shown on the landing pages it names. */
export const chatScriptSchema = z
  .object({
    /** Names the chat in the admin and on its button's dialog. */
    title: text(80),
    /** The landing pages (slugs) whose variants show this chat. */
    landings: z.array(slug).default([]),
    /** The magnets (slugs) whose pages, `/magnets/<slug>/`, show this chat. */
    magnets: z.array(slug).default([]),
    /** The magnet the lead signs up for through the chat: its email, sequence and download follow. */
    magnet: slug,
    /** The chat's first words. */
    greeting: text(400),
    /** The question that asks for the address, after the qualifying questions. */
    ask_email: text(240),
    consent: z.object({ text: text(300), version: z.string().trim().min(1).max(40) }).strict(),
    questions: z.array(chatQuestionSchema).min(1).max(MAX_CHAT_QUESTIONS, `a chat asks at most ${MAX_CHAT_QUESTIONS} questions`),
    /** What follows the answers, by the status they score: sales-ready, marketing-qualified, new. */
    handoff: z
      .object({
        [LeadStatus.SalesReady]: handoffSchema,
        [LeadStatus.MarketingQualified]: handoffSchema,
        [LeadStatus.New]: handoffSchema,
      })
      .strict(),
  })
  .strict()
  .refine((script) => script.landings.length + script.magnets.length > 0, {
    message: 'name the pages that show the chat: landings, magnets or both',
    path: ['landings'],
  })
  .superRefine((script, context) => {
    const fields = script.questions.map((question) => question.field);
    script.questions.forEach((question, index) => {
      if (fields.indexOf(question.field) !== index)
        context.addIssue({ code: 'custom', message: `"${question.field}" is asked twice`, path: ['questions', index, 'field'] });
      question.branches.forEach((branch, branchIndex) => {
        // Only forward jumps: a conversation can never loop.
        if (branch.goto !== END && fields.indexOf(branch.goto) <= index)
          context.addIssue({
            code: 'custom',
            message: `goes to "${branch.goto}", which is not a later question (or ${END})`,
            path: ['questions', index, 'branches', branchIndex, 'goto'],
          });
      });
    });
  });

export type ChatScriptData = z.output<typeof chatScriptSchema>;

/** A question as the chat asks it: options resolved from the scoring rules. */
export interface ChatQuestion {
  field: string;
  ask: string;
  /** Quick replies; absent for a free-text answer. */
  options?: readonly string[];
  branches: readonly { when: readonly string[]; goto: string }[];
}

export interface ChatScript extends Omit<ChatScriptData, 'questions'> {
  slug: string;
  questions: readonly ChatQuestion[];
}

/**
 * Checks a script against the scoring rules and resolves each question's quick replies: a scoring
 * question's field takes that question's options (so the chat asks what forms ask, and fit rules
 * match its answers); a branch must name one of them. Returns the problems as `path: message`.
 */
export function resolveChatScript(slugName: string, data: ChatScriptData, rules: ScoringRules): { script: ChatScript } | { problems: string[] } {
  const problems: string[] = [];
  const questions = data.questions.map((question, index): ChatQuestion => {
    const scoring = rules.questions.find((candidate) => candidate.name === question.field);
    if (scoring && question.options)
      problems.push(`questions[${index}].options: ${question.field} is a scoring question; its options come from content/scoring.yaml`);
    const options = scoring?.options ?? question.options;
    question.branches.forEach((branch, branchIndex) =>
      branch.when.forEach((answer, answerIndex) => {
        if (!options?.includes(answer))
          problems.push(`questions[${index}].branches[${branchIndex}].when[${answerIndex}]: "${answer}" is not an option of ${question.field}`);
      }),
    );
    return { field: question.field, ask: question.ask, branches: question.branches, ...(options ? { options } : {}) };
  });
  return problems.length ? { problems } : { script: { ...data, slug: slugName, questions } };
}

/** Reads, validates and resolves one script's YAML; throws naming the file and each problem. */
export function parseChatScript(file: string, source: string, rules: ScoringRules): ChatScript {
  const slugName = file.replace(/^.*\//, '').replace(/\.ya?ml$/, '');
  const parsed = chatScriptSchema.safeParse(parse(source));
  if (!parsed.success)
    throw new Error(parsed.error.issues.map((issue) => `${file}: ${issue.path.join('.') || '(file)'}: ${issue.message}`).join('\n'));
  const resolved = resolveChatScript(slugName, parsed.data, rules);
  if ('problems' in resolved) throw new Error(resolved.problems.map((problem) => `${file}: ${problem}`).join('\n'));
  return resolved.script;
}

/** Every script in `dir`, by slug. */
export async function loadChatScripts(rules: ScoringRules, dir = CHATS_DIR): Promise<Map<string, ChatScript>> {
  const files = (await readdir(dir).catch(() => [] as string[])).filter((file) => /\.ya?ml$/.test(file)).sort();
  const scripts = await Promise.all(files.map(async (file) => parseChatScript(join(dir, file), await readFile(join(dir, file), 'utf8'), rules)));
  return new Map(scripts.map((script) => [script.slug, script]));
}

/** The page a chat may be shown on: a landing page's variants, or a magnet's page. */
export type ChatPage = { landing: string } | { magnet: string };

/** The script shown on a page, if one names it (the first by file name). */
export function chatForPage(scripts: Iterable<ChatScript>, page: ChatPage): ChatScript | undefined {
  for (const script of scripts) {
    if ('landing' in page ? script.landings.includes(page.landing) : script.magnets.includes(page.magnet)) return script;
  }
  return undefined;
}

/** Problems of scripts that name a landing page or a magnet the site does not have, each as `file: key: message`. */
export function chatReferenceProblems(
  scripts: Iterable<ChatScript>,
  known: { landings: ReadonlySet<string>; magnets: ReadonlySet<string> },
  dir = CHATS_DIR,
): string[] {
  const problems: string[] = [];
  for (const script of scripts) {
    for (const landing of script.landings)
      if (!known.landings.has(landing)) problems.push(`${dir}/${script.slug}.yaml: landings: "${landing}" has no file in content/landing/`);
    for (const magnet of script.magnets)
      if (!known.magnets.has(magnet)) problems.push(`${dir}/${script.slug}.yaml: magnets: "${magnet}" has no file in content/magnets/`);
    if (!known.magnets.has(script.magnet)) problems.push(`${dir}/${script.slug}.yaml: magnet: "${script.magnet}" has no file in content/magnets/`);
  }
  return problems;
}
