import { z } from 'zod';

/**
 * The eval suite file's schema (JSONL: one prompt per line; YAML/JSON: `{name, prompts: [...]}`).
 * Strict objects, so a typo such as `expected_tol` is an error instead of a silently unscored prompt.
 */
export const chatMessageSchema = z
  .object({
    role: z.enum(['system', 'user', 'assistant', 'tool']),
    content: z.string(),
  })
  .passthrough()
  .describe('One chat message in OpenAI format (extra keys such as tool_calls are passed to the chat template).');

/** One prompt: what to send (messages or prompt, tools, max_tokens) and what the scorers need. */
export const suitePromptSchema = z
  .strictObject({
    id: z
      .string()
      .min(1)
      .regex(/^[^\s]+$/, 'must not contain whitespace')
      .describe('Unique prompt id, e.g. "text-01".'),
    category: z.string().min(1).default('default').describe('Category for per-category results.'),
    messages: z
      .array(chatMessageSchema)
      .min(1)
      .optional()
      .describe('Chat messages; the last one is usually the user turn.'),
    prompt: z.string().optional().describe('Shorthand for messages: [{role: user, content: prompt}].'),
    tools: z
      .array(z.record(z.string(), z.unknown()))
      .optional()
      .describe('OpenAI function schemas passed to the chat template.'),
    expected_tool: z.string().optional().describe('tool-call scorer: the tool the answer must call.'),
    wrapper: z.string().optional().describe('tool-call scorer: per-prompt override of the wrapper function.'),
    reference: z.string().optional().describe('exact / contains scorers: the reference answer; json-match: JSON text.'),
    regex: z.string().optional().describe('regex scorer: a JavaScript regular expression the output must match.'),
    max_tokens: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('Token budget, the only limit on the answer (default: eval.max_tokens).'),
  })
  .refine((p) => (p.messages === undefined) !== (p.prompt === undefined), {
    message: 'give exactly one of `messages` or `prompt`',
    path: ['messages'],
  });

/** A YAML/JSON suite document (a JSONL suite is just the prompts, one per line). */
export const suiteFileSchema = z.strictObject({
  name: z.string().min(1).optional().describe('Suite name.'),
  description: z.string().optional(),
  prompts: z.array(suitePromptSchema).min(1).describe('The prompts, in evaluation order.'),
});

/** A prompt as written in the suite file. */
export type SuitePromptInput = z.infer<typeof suitePromptSchema>;

/** A prompt after normalisation: always `messages`, always a `max_tokens`. */
export interface SuitePrompt extends Omit<SuitePromptInput, 'prompt' | 'messages' | 'max_tokens'> {
  messages: z.infer<typeof chatMessageSchema>[];
  max_tokens: number;
}

/** A loaded, validated suite. */
export interface EvalSuite {
  file: string;
  name: string;
  prompts: SuitePrompt[];
  /** sha256 of the whole canonical content (scorer fields included): part of the scorer fingerprint. */
  sha256: string;
  /**
   * sha256 of what generation sees (ids, messages, tools, max_tokens, order): part of the eval identity, so editing a
   * reference answer re-scores without regenerating.
   */
  generationSha256: string;
}
