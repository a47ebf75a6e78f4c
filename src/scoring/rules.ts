import { z } from 'zod';
import { formFieldSchema } from '../leads/form-fields.ts';

/** Where the scoring rules are written, relative to the project root. */
export const SCORING_FILE = 'content/scoring.yaml';

const fieldName = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'use a form field name: lowercase letters, digits and underscores');
const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lowercase letters, digits and single hyphens');
const sitePath = z.string().regex(/^\/(?![/])[^\s?#\\]*$/, 'must be a path on this site, like /lp/scoring-review/');
const domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/, 'write a domain like gmail.com');
const label = z.string().trim().min(2).max(80);
const points = z
  .number()
  .int()
  .refine((value) => value !== 0, 'a rule worth 0 points never fires; remove it');
// Negative behaviour would come back to life with every new visit; penalties belong in fit or email_domains rules.
const behaviourPoints = z.number().int().min(1, 'behaviour points are positive; put penalties in fit or email_domains rules');

/** A question progressive profiling may ask: a select field, declared as forms declare theirs. */
export const questionSchema = formFieldSchema.refine((field) => field.type === 'select', {
  message: 'a profiling question is a select: fit rules match its options',
  path: ['type'],
});

/** Points for an answer the lead gave on a form or to a profiling question. */
export const fitRuleSchema = z
  .object({
    /** The form field, like `company_size`. */
    field: fieldName,
    /** The answers that earn the points, written exactly as the field's options. */
    values: z.array(z.string().trim().min(1)).min(1),
    points,
    /** Names the field in the explanation, `+20 budget: Over $10,000`; by default the field name with spaces. */
    label: label.optional(),
  })
  .strict();

/** Points for the domain of the lead's email address (or any subdomain of it). */
export const emailDomainRuleSchema = z
  .object({
    /** Names the rule in the explanation: `−10 free-mail address: gmail.com`. */
    label,
    domains: z.array(domain).min(1),
    points,
  })
  .strict();

const behaviourFields = {
  /** Points for each matching event. */
  points: behaviourPoints,
  /** Events counted at most: `points: 5, max_times: 2` gives up to 10. */
  max_times: z.number().int().min(1).max(100).default(1),
  /** Replaces the explanation's wording, like `viewed the review offer`; `twice` or `3 times` is added. */
  label: label.optional(),
};

/** Points for things the lead did; they fade with the half-life. */
export const behaviourRuleSchema = z.discriminatedUnion('event', [
  z
    .object({
      event: z.literal('page_view'),
      /** This page only (a trailing slash or its absence does not matter). */
      path: sitePath.optional(),
      /** Every page whose path starts with this, like `/lp/`. */
      prefix: sitePath.optional(),
      /** Every article with this tag, written as the articles write it. */
      tag: z.string().trim().min(1).max(40).optional(),
      ...behaviourFields,
    })
    .strict()
    .refine((rule) => [rule.path, rule.prefix, rule.tag].filter((value) => value !== undefined).length === 1, {
      message: 'a page_view rule names one of path, prefix or tag',
    }),
  z
    .object({
      event: z.literal('magnet_download'),
      /** The magnet's slug; any magnet when absent. */
      magnet: slug.optional(),
      ...behaviourFields,
    })
    .strict(),
  z
    .object({
      event: z.literal('email_click'),
      /** Clicks in this nurture sequence's steps only; any email the site sent when absent. */
      sequence: slug.optional(),
      ...behaviourFields,
    })
    .strict(),
  /** Each UTC day with activity after the lead's first one. */
  z.object({ event: z.literal('return_visit'), ...behaviourFields }).strict(),
  /** A consultation request; it hands the lead to sales whatever the score, these points only add to it. */
  z.object({ event: z.literal('consultation'), ...behaviourFields }).strict(),
]);

/** `content/scoring.yaml`: how a lead's answers, address and behaviour add up to a score. */
export const scoringRulesSchema = z
  .object({
    thresholds: z
      .object({
        /** Score at which a lead is marketing-qualified. */
        marketing_qualified: z.number().int().min(1),
        /** Score at which a lead is sales-ready and handed to sales. */
        sales_ready: z.number().int().min(1),
      })
      .strict()
      .refine((thresholds) => thresholds.sales_ready > thresholds.marketing_qualified, {
        message: 'must be above marketing_qualified',
        path: ['sales_ready'],
      }),
    /** Days after which a lead's behaviour points count half, counted from their last activity. */
    half_life_days: z.number().positive().max(3650),
    /** The most behaviour points a lead can have, before decay; unlimited when absent. */
    behaviour_cap: z.number().int().min(1).optional(),
    /** Questions for progressive profiling, asked where a form did not ask them already. */
    questions: z.array(questionSchema).default([]),
    fit: z.array(fitRuleSchema).default([]),
    email_domains: z.array(emailDomainRuleSchema).default([]),
    behaviour: z.array(behaviourRuleSchema).default([]),
  })
  .strict()
  .superRefine((rules, context) => {
    const names = new Set<string>();
    rules.questions.forEach((question, index) => {
      if (names.has(question.name))
        context.addIssue({ code: 'custom', message: `"${question.name}" is asked twice`, path: ['questions', index, 'name'] });
      names.add(question.name);
    });
    rules.fit.forEach((rule, index) => {
      const question = rules.questions.find((candidate) => candidate.name === rule.field);
      rule.values.forEach((value, valueIndex) => {
        if (question?.options && !question.options.includes(value)) {
          context.addIssue({
            code: 'custom',
            message: `"${value}" is not an option of the question ${rule.field}`,
            path: ['fit', index, 'values', valueIndex],
          });
        }
      });
    });
  });

export type ScoringRules = z.output<typeof scoringRulesSchema>;
export type Question = ScoringRules['questions'][number];
export type FitRule = z.output<typeof fitRuleSchema>;
export type EmailDomainRule = z.output<typeof emailDomainRuleSchema>;
export type BehaviourRule = z.output<typeof behaviourRuleSchema>;
